"""The command group, shared options and the error boundary."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import io
import os
import re
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from influence.cli.language import (
    LANG_META,
    LocalizedGroup,
    Worded,
    WordedUsage,
    argv_language,
    show_version,
    usage_error_text,
)
from influence.dates import date_fault
from influence.document import read_bounded
from influence.errors import InfluenceError, Msg, NMsg, SourceError, ValidationError, Words, os_reason
from influence.i18n import (
    LANGUAGES,
    N_,
    Translator,
    translator,
    unknown_language,
    words_for,
)
from influence.model import Account
from influence.store import NEO4J_PREFIX, Neo4jConfig, open_source
from influence.unprintable import escape_controls, short_path

__all__ = [
    "ACCOUNT_LANG_META",
    "COMMAND_MODULES",
    "LANG_META",
    "SHOWN_ISSUES",
    "SUFFIX_FORMATS",
    "XLSX_FORMAT_HELP",
    "OutputPath",
    "Stopped",
    "aborted",
    "as_of_option",
    "check_account_target",
    "check_file_name",
    "check_output",
    "check_workbook_name",
    "cli",
    "emit",
    "english_lang_option",
    "error_message",
    "error_words",
    "exit_on_findings",
    "fail_on_option",
    "file_refusal",
    "force_option",
    "format_option",
    "formats_option",
    "group_lang_option",
    "holds_account",
    "holds_comments",
    "keep_comments",
    "lang_option",
    "language",
    "load_source",
    "main",
    "output_folder",
    "output_format",
    "output_option",
    "reading",
    "refuse_comments",
    "script",
    "source_argument",
    "table_format_option",
    "workbook_file",
    "write_output",
    "write_outputs",
]

FORMATS = ("table", "json", "csv", "markdown")
TABLE_FORMATS = (*FORMATS, "xlsx")


class Failure(click.ClickException):
    """A handled failure: its message goes to stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        with contextlib.suppress(OSError):  # standard error closed or full: the exit code (2) still says it
            click.echo(self.message, err=True)


class Stopped(click.ClickException):
    """The command was stopped (Ctrl-C, SIGTERM, SIGHUP): click's "Aborted!" in the user's language.

    The exit code stays click's, 1; the console script then makes it 128 + the
    signal's number for a signal (:func:`script`).
    """

    exit_code = 1

    def show(self, file: Any = None) -> None:
        with contextlib.suppress(OSError):  # standard error closed: the exit code still says it
            click.echo(self.message, err=True)


def aborted(lang: str | None, *, after_line: bool = True) -> str:
    """What a stopped command says on standard error, in ``lang`` (English without one).

    ``after_line``: after Ctrl-C a line is ended first, as click does (the
    terminal shows ``^C`` where the cursor was).

    >>> aborted(None), aborted("ru", after_line=False)
    ('\\nAborted!', 'Прервано.')
    """
    # TRANSLATORS: said when Ctrl-C or a signal (SIGTERM) stops a command; click's own word
    said = Msg("Aborted!").render(words_for(lang))
    return f"\n{said}" if after_line else said


#: validation issues a command other than ``validate`` prints (one screen); the rest are
#: counted, and for an account file ``influence validate FILE`` lists every one
SHOWN_ISSUES = 20


def error_message(exc: InfluenceError, limit: int | None = None, words: Words | None = None) -> str:
    """The stderr text for a library error: the validation issues (at most ``limit``), or one line.

    ``words``: the language to say it in (English without).

    >>> from influence.errors import Issue
    >>> issues = [Issue("a.yaml", n, f"people[{n}].stance", "invalid stance") for n in range(3)]
    >>> print(error_message(ValidationError(issues), limit=2))
    a.yaml:0: people[0].stance: invalid stance
    a.yaml:1: people[1].stance: invalid stance
    … and 1 more (influence validate a.yaml lists every one)
    error: a.yaml is not a valid influence/v1 account (3 errors)

    An input that is not an account file (its error has a ``summary``: a CRM export, a
    workbook) is not one ``validate`` reads: the rest are only counted.
    """
    if not isinstance(exc, ValidationError):
        return escape_controls(Msg("error: {message}", message=exc.render(words)).render(words), keep="\n")
    shown = exc.issues if limit is None else exc.issues[:limit]
    lines = [escape_controls(issue.render(words)) for issue in shown]  # one line each, whatever the value
    count = len(exc.issues)
    if count > len(shown):
        import shlex  # only this message needs it

        command = f"influence validate {shlex.quote(exc.issues[0].file)}"  # to paste as it is
        more = NMsg(
            "… and {n} more ({command} lists every one)",
            "… and {n} more ({command} lists every one)",
            count - len(shown),
            command=command,
        )
        if exc.summary is not None:
            more = NMsg("… and {n} more", "… and {n} more", count - len(shown))
        lines.append(escape_controls(more.render(words)))
    file = exc.issues[0].file if exc.issues else "input"
    what = exc.summary or Msg("{file} is not a valid influence/v1 account", file=file)
    errors = NMsg("{n} error", "{n} errors", count)
    lines.append(escape_controls(Msg("error: {what} ({errors})", what=what, errors=errors).render(words)))
    return "\n".join(lines)


def error_words(ctx: click.Context, exc: InfluenceError) -> Words | None:
    """The language to say a library error in: ``--lang``, else the document's own, else English (None).

    ``--lang`` is kept in the context's ``meta``, read from the command line
    before click parses it (:class:`InfluenceGroup`) and as it is parsed
    (:func:`lang_option`); a :class:`ValidationError` knows the language its
    document asks for, when the document could be read that far; an error
    after an account was loaded (a refused push) takes that account's.
    """
    return words_for(
        ctx.meta.get(LANG_META) or getattr(exc, "language", None) or ctx.meta.get(ACCOUNT_LANG_META)
    )


#: The module of ``influence.cli`` that defines each command, imported when the
#: command is first asked for: ``influence gaps`` does not pay for importing the
#: Neo4j store, the portfolio's process pool, the diff or the map renderer.
COMMAND_MODULES: dict[str, str] = {
    "coverage": "analysis",
    "db": "db",
    "diff": "diff",
    "export": "exchange",
    "gaps": "analysis",
    "generate": "generate",
    "import": "exchange",
    "map": "maps",
    "paths": "analysis",
    "plan": "plan",
    "portfolio": "portfolio",
    "review": "maps",
    "sponsors": "analysis",
    "validate": "validate",
}


class InfluenceGroup(LocalizedGroup):
    """Loads each command's module on first use; turns library errors into one clear message and exit code 2.

    ``--lang`` is read from the whole command line before click parses it,
    so that help pages and usage errors (an unknown option before ``--lang``)
    are in its language too.
    """

    group_class = LocalizedGroup

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            # its decorators register the command on ``cli``
            importlib.import_module(f"influence.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        lang = argv_language(args)
        if lang is not None:
            ctx.meta[LANG_META] = lang
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            _raise_in_language(exc, ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a command's options or arguments
            _follow_the_account(ctx, exc)
            _raise_in_language(exc, ctx)
        except InfluenceError as exc:
            listing = ctx.invoked_subcommand == "validate"  # the command that lists every issue
            raise Failure(
                error_message(exc, None if listing else SHOWN_ISSUES, error_words(ctx, exc))
            ) from None
        except (click.Abort, KeyboardInterrupt) as exc:  # Ctrl-C, SIGTERM, SIGHUP (see script)
            raise Stopped(aborted(_lang(ctx), after_line=isinstance(exc, KeyboardInterrupt))) from None
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except RecursionError:
            raise Failure(_error_line(Msg("input nested too deeply"), _lang(ctx))) from None
        except MemoryError:
            raise Failure(_error_line(Msg("out of memory while reading the input"), _lang(ctx))) from None
        except BrokenPipeError as exc:
            if not _reader_gone():
                raise Failure(f"error: internal error (a bug in influence): BrokenPipeError: {exc}") from None
            raise click.exceptions.Exit(1) from None  # quietly: nobody reads the rest
        except OSError as exc:
            raise Failure(_os_error_message(exc, _lang(ctx))) from None
        except UnicodeError as exc:
            raise Failure(("'idna' codec" in str(exc) and _host_message(ctx)) or _bug(exc)) from None
        except Exception as exc:  # never a traceback; still visibly a bug
            raise Failure(_bug(exc)) from None


def _lang(ctx: click.Context) -> str | None:
    """The language of what the command says: ``--lang``, else the account's it read (None: not known)."""
    lang = ctx.meta.get(LANG_META) or ctx.meta.get(ACCOUNT_LANG_META)
    return lang if isinstance(lang, str) else None


def _follow_the_account(ctx: click.Context, exc: click.UsageError) -> None:
    """Without ``--lang``, a command's usage error found once its options are parsed (``--format xlsx``
    without ``-o``) speaks the language of the account it names, as its report would: the one
    read, else the ``language:`` line of its SOURCE file. An unknown option stays in English:
    the command line could not be read."""
    if ctx.meta.get(LANG_META) is not None:
        return
    lang = ctx.meta.get(ACCOUNT_LANG_META)
    source = exc.ctx.params.get("source") if exc.ctx is not None else None
    if lang is None and isinstance(source, str) and not source.startswith(NEO4J_PREFIX):
        lang = _written_language(source)
    if lang is not None and lang != "en":
        ctx.meta[LANG_META] = lang


def _raise_in_language(exc: click.UsageError, ctx: click.Context) -> NoReturn:
    """Raise the usage error ``exc`` as the command line's language says it (click's layout, reason escaped)."""
    text = usage_error_text(exc, ctx)
    if text is None:  # a bare group: its help page, as click prints it (in the language)
        raise exc
    raise Failure(text) from None


def _bug(exc: BaseException) -> str:
    """The message for an exception influence did not expect: visibly a bug, on one screen."""
    text = escape_controls(f"error: internal error (a bug in influence): {type(exc).__name__}: {exc}")
    return text if len(text) <= 1000 else f"{text[:999]}…"


def _os_error_message(exc: OSError, lang: str | None = None) -> str:
    """The message for an OS error no command turned into its own: the path and the reason, or a bug.

    Writing standard output fails when it goes to a full disk (``> /dev/full``).
    Any other error naming a file (a name too long to exist, a folder we may
    not enter) is about that file, not a bug; one naming nothing still is.
    ``lang``: the language of the command line, or of the account read.
    """
    reason = os_reason(exc)
    if _from_stdout(exc):
        _drop_stdout()
        return _error_line(Msg("cannot write to standard output: {reason}", reason=reason), lang)
    if exc.filename is None:
        return _bug(exc)
    names = [n for n in (exc.filename, exc.filename2) if n is not None]
    where = " → ".join(short_path(os.fsdecode(n)) if isinstance(n, (str, bytes)) else str(n) for n in names)
    return _error_line(Msg("{where}: {reason}", where=where, reason=reason), lang)


def _error_line(reason: Msg, lang: str | None) -> str:
    """The ``error: …`` line of ``reason``, in ``lang`` (English without one).

    It may be said after the command has ended (standard output flushed at
    the exit), when no click context knows the language any more: the
    caller then reads it from the command line again (:func:`argv_language`).
    """
    return escape_controls(Msg("error: {message}", message=reason).render(words_for(lang)))


def _from_stdout(exc: OSError) -> bool:
    """True when ``exc`` was raised writing standard output (``click.echo`` to it, a print).

    The stream is found among the names of the innermost Python frame, the
    one whose write failed: an OS error elsewhere (a file, a socket) is not it.
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or exc.filename is not None:
        return False
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return False  # not a file (in-process output)
    for value in list(tb.tb_frame.f_locals.values()):
        if isinstance(value, io.IOBase):
            with contextlib.suppress(ValueError, OSError):
                if value.fileno() == fd:
                    return True
    return False


def _drop_stdout() -> None:
    """Send standard output nowhere: what is still buffered cannot fail again at the exit."""
    with contextlib.suppress(AttributeError, ValueError, OSError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _host_message(ctx: click.Context) -> str | None:
    """The message when the Neo4j URI's host name cannot be encoded (a label over 63 characters).

    The driver fails with a bare ``UnicodeError`` ("encoding with 'idna' codec
    failed") when it resolves such a host. None when the host is fine: the
    ``UnicodeError`` came from elsewhere, and is a bug.
    """
    import urllib.parse

    config = ctx.find_object(Neo4jConfig) or Neo4jConfig()
    try:
        host = urllib.parse.urlsplit(config.resolved().uri or "").hostname or ""
        host.encode("idna")
    except UnicodeError as exc:
        reason = str(exc.__cause__ or exc) or "not a host name"
        message = Msg(
            "invalid Neo4j URI: the host name '{host}' cannot be used: {reason} (at most 63 characters between dots)",
            host=short_path(host, 60),
            reason=reason,
        )
        return _error_line(message, _lang(ctx))
    except ValueError:  # a malformed URI: the store says so itself
        return None
    return None


def _reader_gone() -> bool:
    """True when standard output is a pipe whose reader has left (``| head``); stdout then goes nowhere.

    A broken pipe elsewhere (a helper process) is not that: stdout still has its reader.
    """
    import select

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return False  # not a file (in-process output): never closed by a reader
    try:
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        # Linux reports a pipe without a reader as POLLERR, other systems may say POLLHUP
        gone = any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (AttributeError, OSError):  # no poll() here: take the pipe for stdout's
        gone = True
    if gone:  # what is still buffered, and any later output, are dropped instead of failing again
        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
    return gone


def _parse_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:  # the group's, when given before the command (``influence --lang ru gaps``)
        lang: str | None = ctx.meta.get(LANG_META)
        return lang
    if value not in LANGUAGES:
        raise Worded(unknown_language(value))
    ctx.meta[LANG_META] = value
    return value


def group_lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """A group's ``--lang``: the language of what follows (``influence --lang ru gaps``) and of the
    group's own help (``influence --lang ru --help``), shown there so that a reader of the English
    help finds the Russian.

    The command's own ``--lang`` takes it when not given itself (:func:`_parse_lang`).
    """
    return click.option(
        "--lang",
        metavar="|".join(LANGUAGES),
        expose_value=False,
        callback=_parse_lang,
        help=N_("Language of the help, and of the command that follows (as its own --lang)."),
    )(func)


@click.group(cls=InfluenceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--uri", envvar="NEO4J_URI", help=N_("Neo4j URI [env NEO4J_URI; default bolt://localhost:7687].")
)
@click.option(
    "--username", envvar="NEO4J_USERNAME", help=N_("Neo4j user [env NEO4J_USERNAME; default neo4j].")
)
@click.option("--password", envvar="NEO4J_PASSWORD", help=N_("Neo4j password [env NEO4J_PASSWORD]."))
@click.option("--database", envvar="NEO4J_DATABASE", help=N_("Neo4j database [env NEO4J_DATABASE]."))
@group_lang_option
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help=N_("Show the version and exit."),
)
@click.pass_context
def cli(
    ctx: click.Context, uri: str | None, username: str | None, password: str | None, database: str | None
) -> None:
    """Stakeholder influence analysis for B2B enterprise account planning.

    SOURCE is an account file (.yaml, .yml, .json) or neo4j:ACCOUNT.
    """
    if uri is not None and not uri.strip():  # --uri "" would silently mean the default server
        raise Worded(Msg("empty; give a URI such as bolt://localhost:7687"), param_hint="'--uri'")
    ctx.obj = Neo4jConfig(uri=uri, username=username, password=password, database=database)


#: Set by :func:`script`: the accounts a command loaded, left for the end of the process.
_SPARED: list[Account] | None = None


def load_source(source: str) -> Account:
    """Load SOURCE with the group's Neo4j settings.

    Under the console script the account is kept until the process ends
    (see :func:`script`): freeing a large one object by object when the
    command returns would only delay the exit (about 9 ms for 20,000 people).
    """
    ctx = click.get_current_context()
    config = ctx.find_object(Neo4jConfig) or Neo4jConfig()
    reading(source)
    account = open_source(source, config)
    ctx.meta.setdefault(ACCOUNT_LANG_META, account.info.language)
    if _SPARED is not None:
        _SPARED.append(account)
    return account


_INPUTS = "influence.inputs"  # the context's record of the files a command reads


def reading(*sources: str) -> None:
    """Note the files a command reads, so that :func:`write_output` never writes over one."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta.setdefault(_INPUTS, []).extend(s for s in sources if not s.startswith("neo4j:"))


def write_output(output: str | os.PathLike[str], data: str | bytes) -> None:
    """``atomic_write`` a command's result, refused when ``output`` is a file the command reads.

    ``influence gaps acct.yaml -o acct.yaml`` would replace the account with
    its report. (``plan --apply`` and ``import --merge`` write an account
    over its source on purpose, and do not come here.)
    """
    write_outputs([(output, data)])


def write_outputs(files: Iterable[tuple[str | os.PathLike[str], str | bytes]]) -> None:
    """Write several results, all or none (:class:`~influence.atomic.AtomicFiles`), each as :func:`write_output`.

    Every file is checked and written to its temporary file before the first
    is replaced: a file that cannot be written leaves the others as they were.
    """
    from influence.atomic import AtomicFiles  # here: a command that prints does not import it

    with AtomicFiles() as out:
        for output, data in files:
            check_output(output)
            out.write(output, data)


#: why ``output_folder`` refuses a name that is no folder; ``{folder}`` is filled with the name
_NOT_A_FOLDER = Msg("{folder}: exists and is not a folder")


@contextlib.contextmanager
def output_folder(output: str, *, parents: bool, not_folder: Msg = _NOT_A_FOLDER) -> Iterator[Path]:
    """The folder ``output`` a command writes its files into, made when missing.

    ``parents``: make missing folders above it too (``review -o a/b/pack``);
    without, the folder above must exist, as for a file (``-o a/b/x.yaml``).
    The folders made are removed again if the block fails (when still
    empty): a refused command leaves nothing behind.

    Raises
    ------
    SourceError
        When ``output`` is a file (``not_folder`` says so: a message whose
        ``{folder}`` is the folder named), the folder above
        is missing (without ``parents``), or a folder cannot be made.
    """
    folder, shown = Path(output), short_path(output)
    made: list[Path] = []
    try:
        if folder.exists() and not folder.is_dir():
            raise SourceError(not_folder.replace(folder=shown))
        missing = [p for p in (folder, *folder.parents) if not p.exists()][::-1]  # the top one first
        if missing and not parents and missing[0] != folder:
            from influence.atomic import missing_folder

            raise SourceError(missing_folder(shown, folder.parent))
        for path in missing:
            path.mkdir()
            made.append(path)
    except OSError as exc:
        _remove_empty(made)
        reason = os_reason(exc)
        raise SourceError(
            Msg("{folder}: cannot create the folder: {reason}", folder=shown, reason=reason)
        ) from None
    try:
        yield folder
    except BaseException:
        _remove_empty(made)
        raise


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a command made (the deepest first), those still empty."""
    for path in reversed(folders):
        with contextlib.suppress(OSError):
            path.rmdir()


def check_output(output: str | os.PathLike[str]) -> None:
    """Refuse, before anything is written, an output that cannot be written or is an input.

    A command writing several files checks them all first, so that a bad
    last one leaves the others as they were.
    """
    from influence.atomic import writable

    writable(output)
    ctx = click.get_current_context(silent=True)
    for source in ctx.meta.get(_INPUTS, []) if ctx is not None else []:
        try:
            same = os.path.samefile(output, source)
        except OSError:  # one of them does not exist: nothing to overwrite
            continue
        if same:
            raise file_refusal(
                Msg(
                    "-o {output} is {source}, the account being read: it would be overwritten; "
                    "write to another file",
                    output=output,
                    source=source,
                )
            )
    if holds_account(output):
        raise file_refusal(
            Msg(
                "-o {output} holds an influence/v1 account: it would be overwritten; write to another file",
                output=output,
            ),
            output,
        )


def file_refusal(reason: Msg, *files: str | os.PathLike[str]) -> SourceError:
    """A refusal about a file the command would write (not a mistake of the command line's syntax).

    It is said as other file errors are: one ``error: …`` line, exit code 2,
    no usage line. Its language is ``--lang``'s, else that of the account the
    command reads (once known), else the one the first of ``files`` that
    names one writes in its ``language:`` line (the account file refused).
    """
    error = SourceError(reason)
    ctx = click.get_current_context(silent=True)
    known = ctx.meta.get(ACCOUNT_LANG_META) if ctx is not None else None
    if not isinstance(known, str) and ctx is not None and ctx.meta.get(LANG_META) is None:
        known = next(filter(None, map(_written_language, files)), None)
    error.language = known if isinstance(known, str) else None
    return error


def _written_language(path: str | os.PathLike[str]) -> str | None:
    """The language an account file's ``language:`` line names (None: none, or not a file read at once)."""
    from influence.loading import written_language

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or device: reading it would wait for input
            return None
        data = read_bounded(path, os.fspath(path), Msg("an account file"))
    except (OSError, SourceError):
        return None
    return written_language(data.decode("utf-8-sig", errors="replace"))


#: how an account file declares itself near its start, in YAML or in JSON
_ACCOUNT_FORMAT = re.compile(rb"""(?m)^[ \t{]*["']?format["']?[ \t]*:[ \t]*["']?influence/v1\b""")
#: the same declaration anywhere: a YAML line, or a key after ``{`` or ``,`` (one-line JSON, a flow mapping)
_ANY_FORMAT = re.compile(rb"""(?m)(?:^|[{,])[ \t]*["']?format["']?[ \t]*:[ \t]*["']?influence/v1\b""")
_BOM = b"\xef\xbb\xbf"


def holds_account(path: str | os.PathLike[str], data: bytes | None = None) -> bool:
    r"""True when ``path`` is a file that declares ``format: influence/v1``: an account file, which
    no report, map or export may replace.

    The first 64 KiB answer in the usual case (the key near the top). Else a
    file that mentions ``influence/v1`` at all is decided on the whole of it:
    parsed when it is JSON (one line, keys sorted, ``format`` last), else
    searched for the key in YAML or JSON syntax. A byte-order mark is skipped.
    ``data``: the file's bytes when the caller has read them already (the
    file is then not read again).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    ...     _ = f.write("# Q1\nformat: influence/v1\naccount: {id: a, name: A}\n")
    >>> holds_account(f.name), holds_account(f.name + ".missing")
    (True, False)
    >>> os.unlink(f.name)
    """
    from influence.document import MAX_FILE_BYTES

    if data is not None:
        data = data.removeprefix(_BOM)
        return _ACCOUNT_FORMAT.search(data[:65536]) is not None or (
            b"influence/v1" in data and _declares_format(data)
        )
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a device or a pipe (-o /dev/stdout) is not read
            return False
        with open(path, "rb") as file:
            head = file.read(65536)
            if _ACCOUNT_FORMAT.search(head.removeprefix(_BOM)) is not None:
                return True
            data = (head + file.read(MAX_FILE_BYTES)).removeprefix(_BOM)  # larger: no account file
    except OSError:  # missing, or not readable: nothing to keep
        return False
    return b"influence/v1" in data and _declares_format(data)


def _declares_format(data: bytes) -> bool:
    """True when ``data`` (a whole file, no byte-order mark) declares ``format: influence/v1``."""
    import json

    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # not JSON (YAML, most likely): look for the key's line
        return _ANY_FORMAT.search(data) is not None
    return isinstance(document, dict) and document.get("format") == "influence/v1"


def force_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--force``: replace a file the command would otherwise refuse to; ``help`` says which."""
    return click.option("--force", is_flag=True, help=help)


def check_account_target(
    output: str,
    force: bool,
    *,
    source: str | None = None,
    account: str | None = None,
    data: bytes | None = None,
) -> None:
    """Refuse, unless ``force``, to replace an account file with another account's data.

    Writing over ``source`` (the file read: an update in place) is allowed,
    and so is writing over a file holding ``account`` itself (an import
    refreshing the same account); any other account file is refused. An
    update in place of a file with other hard links is refused too: the
    other names would keep the old content. ``data``: ``output``'s bytes
    when the command has read them already (``keep_comments``): the file is
    then not read again.
    """
    if force:
        return
    in_place = source is not None and _same_file(source, output)
    if not in_place and holds_account(output, data):
        held = _account_id(output, data)
        if account is None or held != account:
            reason = _account_replaced(output, held, source if account is None else None)
            raise file_refusal(reason, *(f for f in (source, output) if f is not None))
        in_place = True
    with contextlib.suppress(OSError):
        if in_place and stat.S_ISREG((info := os.stat(output)).st_mode) and info.st_nlink > 1:
            raise file_refusal(
                Msg(
                    "-o {output} has other names (hard links), which would keep the old content; "
                    "nothing written: give --force to replace this name only",
                    output=escape_controls(output),
                ),
                output,
            )


def _account_replaced(output: str, held: str | None, source: str | None) -> Msg:
    """Why ``output``, an account file (of account ``held``, when it could be read), is not replaced;
    ``source``: the file an update in place would write (``plan --apply``), which ``output`` is not."""
    shown = escape_controls(output)
    if held is None:
        return Msg(
            "-o {output} holds an influence/v1 account: it would be replaced; nothing written: "
            "write to another file, or give --force to replace it",
            output=shown,
        )
    if source is not None and held == _account_id(source):  # (read only to say why)
        return Msg(
            "-o {output} is another file of account '{held}', which may hold edits of its own (only "
            "{source} is updated in place); nothing written: write to a new file, or give --force to "
            "replace it (an earlier --apply's file too)",
            output=shown,
            held=escape_controls(held),
            source=escape_controls(source),
        )
    return Msg(
        "-o {output} holds account '{held}': it would be replaced; nothing written: "
        "write to another file, or give --force to replace it",
        output=shown,
        held=escape_controls(held),
    )


def _same_file(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` name one existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _account_id(path: str, data: bytes | None = None) -> str | None:
    """The account id the file ``path`` (its bytes ``data``, when read already) holds; None when it cannot be read."""
    from influence.loading import read_document

    try:
        info = read_document(path, data=data).data.get("account")
    except (InfluenceError, OSError, RecursionError):
        return None
    found = info.get("id") if isinstance(info, dict) else None
    return found if isinstance(found, str) else None


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    fault = date_fault(value)
    if fault is not None:
        raise Worded(fault)
    return dt.date.fromisoformat(value)


def as_of_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--as-of YYYY-MM-DD`` (default today), passed as a ``date``."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=_parse_date,
        help=N_("Analysis date, YYYY-MM-DD [default: today]."),
    )(func)


def formats_option(
    formats: tuple[str, ...], help: str = N_("Output format.")
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` with the given choices (default ``table``), passed as ``fmt``.

    Examples
    --------
    >>> plan_format = formats_option(("table", "json", "markdown"))
    """
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help=help,
    )


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|json|csv|markdown``."""
    return formats_option(FORMATS)(func)


def table_format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|json|csv|markdown|xlsx`` for the table commands (xlsx needs ``-o``)."""
    return formats_option(TABLE_FORMATS, XLSX_FORMAT_HELP)(func)


#: The help of a ``--format`` that offers xlsx.
XLSX_FORMAT_HELP = N_("Output format (xlsx: an Excel workbook, written with -o).")


#: why ``-`` is refused by a command that writes a file, a folder, or either
_STDOUT_REFUSED = {
    (True, False): Msg("'-' (stdout): this command writes a file; give its name"),
    (False, True): Msg("'-' (stdout): this command writes a folder; give its name"),
    (True, True): Msg("'-' (stdout): this command writes a file or folder; give its name"),
    (False, False): Msg("'-' (stdout): this command writes a file or folder; give its name"),
}


class OutputPath(click.Path):
    """A path to write, where ``-`` means stdout (Unix habit), or is refused.

    With ``stdout=True`` (commands that print without ``-o``) ``-o -`` gives
    ``None``: the command prints, as it does without the option. Commands that
    only write files refuse ``-`` instead of writing a file named "-".

    >>> OutputPath(stdout=True).convert("-", None, None) is None
    True
    """

    def __init__(self, *, stdout: bool, file_okay: bool = True, dir_okay: bool = False) -> None:
        super().__init__(file_okay=file_okay, dir_okay=dir_okay)
        self.stdout = stdout

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "-":
            if self.stdout:
                return None
            raise Worded(_STDOUT_REFUSED[self.file_okay, self.dir_okay], ctx, param=param)
        return super().convert(value, param, ctx)


def output_option(
    func: Callable[..., Any] | None = None,
    *,
    help: str = N_(
        "Write to FILE instead of stdout (- is stdout; required for --format xlsx); "
        "without --format, a name ending in .xlsx, .json, .csv or .md picks that format."
    ),
) -> Any:
    """``-o/--output FILE``: write the result to a file (atomically) instead of stdout.

    Used bare (``@output_option``) or with a command's own help
    (``@output_option(help=...)``).
    """
    option = click.option(
        "-o", "--output", metavar="FILE", type=OutputPath(stdout=True), default=None, help=help
    )
    return option if func is None else option(func)


#: the format a file name asks for, when ``--format`` is not given
SUFFIX_FORMATS = {".xlsx": "xlsx", ".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown"}


def output_format(fmt: str, output: str | None) -> str:
    """The format to write: ``--format`` when given, else the one ``-o FILE``'s suffix names.

    ``gaps -o report.xlsx`` writes a workbook and ``-o report.json`` JSON,
    as the name says; a name the command has no format for keeps ``table``.
    An explicit text format into an ``.xlsx`` file is refused: no spreadsheet
    program could open it.
    """
    if output is None:
        return fmt
    ctx = click.get_current_context()
    suffix = os.path.splitext(output)[1].lower()
    named = SUFFIX_FORMATS.get(suffix, fmt)
    if ctx.get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
        (option,) = (p for p in ctx.command.params if p.name == "fmt")
        choices = option.type.choices if isinstance(option.type, click.Choice) else ()
        return named if named in choices else fmt
    if suffix == ".xlsx" and fmt != "xlsx":
        raise WordedUsage(
            Msg(
                "{output} names a workbook, but --format {format} writes text: use --format xlsx",
                output=output,
                format=fmt,
            )
        )
    if fmt == "xlsx":
        check_workbook_name(output)
    return fmt


def workbook_file(output: str | None) -> str:
    """``-o`` of ``--format xlsx``, refused when missing: a workbook only goes to a file."""
    if output is None:
        raise WordedUsage(Msg("--format xlsx writes a workbook: add -o FILE.xlsx"))
    return output


def check_workbook_name(output: str, what: str = "--format xlsx") -> None:
    """Refuse a workbook written under a name that says text (``.json``, ``.csv``, ``.md``, ``.yaml``).

    Such a file would later be taken for what its name says (``plan --format
    xlsx -o acct.json`` would make a "JSON account" no command can read).
    """
    refusal = Msg("{what} writes a workbook, but {output} names a {suffix} file: use {own}", what=what)
    check_file_name(output, ".xlsx", refusal, (*SUFFIX_FORMATS, ".yaml", ".yml"))


def check_file_name(output: str, own: str, refusal: Msg, claimed: Iterable[str]) -> None:
    """Refuse writing ``output`` when its suffix is one of ``claimed`` other than ``own``.

    ``refusal`` says so, as a whole sentence: what the command writes
    ("export gexf writes GEXF, but…"), with ``{output}``, ``{suffix}`` (the
    suffix found) and ``{own}`` (the one to use) left for this to fill.
    """
    suffix = os.path.splitext(output)[1].lower()
    if suffix != own and suffix in claimed:
        raise WordedUsage(refusal.replace(output=output, suffix=suffix, own=own))


def holds_comments(file: str, data: bytes) -> bool:
    """True when ``data``, the bytes of the account file ``file``, is YAML holding comments.

    Only a ``.yaml``/``.yml`` file can hold them; a file written anew from
    its data would lose them. Bytes that are not UTF-8 are not taken for
    comments: reading the file says what is wrong with it.
    """
    if os.path.splitext(file)[1].lower() not in (".yaml", ".yml"):
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    from influence.yamlreader import has_comments

    return has_comments(text)


def keep_comments(source: str, output: str, *, force: bool = False) -> bytes | None:
    """Refuse to write ``output`` when it is the YAML file ``source`` itself and that file holds comments.

    The file is written anew from its data, which holds no comments: notes
    kept in them would be lost without a word. Returns the bytes read when
    ``output`` is ``source`` (None otherwise): pass them to
    ``atomic_write(..., expect=)`` so that a change saved while the command
    runs is not overwritten. ``force`` (the command's ``--force``): the
    comments may go, the bytes are still returned.
    """
    try:
        if not os.path.samefile(source, output) or not stat.S_ISREG(os.stat(source).st_mode):
            return None  # another file, or a pipe or terminal (reading it would wait for input)
        data = read_bounded(source, source, Msg("an account file"))
    except (OSError, SourceError):  # not the same file, or not one we can read: nothing of it is lost
        return None
    if not force:
        refuse_comments(source, output, data)
    return data


def refuse_comments(source: str, output: str, data: bytes | None) -> None:
    """Refuse when ``data``, the bytes of ``source`` that ``output`` would replace, holds YAML comments.

    :func:`keep_comments` with ``force=True`` reads the file; a command that
    must first say the file is another account's (which ``--force`` would
    replace entirely) calls this after that check.
    """
    if data is not None and holds_comments(source, data):
        raise file_refusal(
            Msg(
                "-o {output} holds YAML comments, which writing it anew would drop; nothing written: "
                "write to another file and carry the comments over, or give --force to drop them",
                output=output,
            ),
            source,
        )


def emit(
    fmt: str,
    output: str | None,
    text: Callable[[], str],
    workbook: Callable[[], bytes],
    t: Translator,
) -> None:
    """Print a command's result, or write it to ``output``; an xlsx workbook only goes to a file.

    ``text`` and ``workbook`` render lazily, so only the asked-for format is
    built; ``t`` speaks the "wrote FILE" line.
    """
    if fmt == "xlsx":
        workbook_file(output)
    if output is None:
        click.echo(text(), nl=False)
        return
    write_output(output, workbook() if fmt == "xlsx" else text())
    click.echo(t.tr("wrote {file}", file=escape_controls(str(output))))


def fail_on_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--fail-on high|medium|low``: exit 1 when a finding at or above that severity exists."""
    from influence.analysis.findings import SEVERITIES  # here: db commands need no analysis

    return click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        default=None,
        help=N_(
            "Exit 1 when a finding at or above this severity exists (default: exit 0 whatever is found)."
        ),
    )(func)


def exit_on_findings(severities: Iterable[str], fail_on: str | None) -> None:
    """Exit 1 when any of ``severities`` is at or above ``fail_on``."""
    if fail_on is None:
        return
    from influence.analysis.findings import SEVERITIES

    threshold = SEVERITIES.index(fail_on)
    if any(SEVERITIES.index(s) <= threshold for s in severities):
        raise click.exceptions.Exit(1)


#: where the language of the account a command loaded first is kept (its errors' language without ``--lang``)
ACCOUNT_LANG_META = "influence.account_lang"


def _lang_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--lang en|ru``, its help naming its default."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--lang",
            "lang",
            metavar="|".join(LANGUAGES),
            callback=_parse_lang,
            help=help,
        )(func)

    return decorate


#: ``--lang en|ru`` of a command that reads an account: default its ``language``, else en
lang_option = _lang_option(N_("Language of the output [default: the account's language, else en]."))
#: ``--lang en|ru`` of a command that reads no account (or several): default en
english_lang_option = _lang_option(N_("Language of the output [default: en]."))


def language(lang: str | None, account: Account | None = None) -> Translator:
    """The translator for ``--lang``, else the account's ``language``, else English.

    >>> language("ru").lang
    'ru'
    >>> language(None).lang
    'en'
    """
    if lang is None and account is not None:
        lang = account.info.language
    return translator(lang)


def source_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    """The SOURCE argument: a file path or neo4j:ACCOUNT."""
    return click.argument("source", metavar="SOURCE")(func)


def main(argv: list[str] | None = None) -> None:
    """Run the command line in this process (raises ``SystemExit`` with the exit code, as click does).

    The cyclic garbage collector is off for the command: a command builds
    one account (mostly acyclic records, freed by reference counting) and
    exits, and the collector's passes over that heap cost about a tenth of
    a large account's run. ``portfolio`` collects after each account.
    """
    gc.disable()
    if sys.stdout is None:  # started with standard output closed (``>&-``): what it prints would be lost
        closed = Msg("cannot write to standard output: it is closed")
        click.echo(_error_line(closed, argv_language(sys.argv[1:] if argv is None else argv)), err=True)
        sys.exit(2)
    try:
        cli.main(args=argv, prog_name="influence")
    except KeyboardInterrupt:  # pragma: no cover (before or after a command: the group says it in one)
        click.echo(aborted(argv_language(sys.argv[1:] if argv is None else argv)), err=True)
        sys.exit(130)
    except OSError as exc:  # writing a help page or --version (before any command), or an error itself
        lang = argv_language(sys.argv[1:] if argv is None else argv)
        with contextlib.suppress(OSError):  # standard error may be what failed: the exit code still says it
            click.echo(_os_error_message(exc, lang), err=True)
        sys.exit(2)


def script() -> NoReturn:
    """The ``influence`` console script and ``python -m influence``: :func:`main`, then leave at once.

    Once the command has finished (its output written, its files closed and
    renamed into place, its database sessions closed), the process ends
    without the interpreter's teardown, which would only free, one by one,
    everything the command built: 40-50 ms for a push, 10-20 ms for a
    large account's report. Output is flushed first; a reader that closed
    the pipe early (``| head``) ends the process quietly with exit code 1,
    and output that cannot be written (``> /dev/full``) with a message and 2.
    An unexpected exception is not caught here: it ends the process the usual way.
    The accounts the command loaded are not freed either (:func:`load_source`).
    """
    global _SPARED
    _SPARED = []
    _lenient_output()
    _stop_cleanly()
    try:
        main()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    code = 128 + _STOPPED[0] if _STOPPED else _flush_stdout(code)
    try:
        _release_processes()
        sys.stderr.flush()
    finally:
        os._exit(code)


def _release_processes() -> None:
    """What Python's own exit does for :mod:`multiprocessing` (``portfolio``'s workers), once imported.

    Skipping it left a stopped portfolio's queues to the resource tracker,
    which warned of "leaked semaphore objects" after "Aborted!".
    """
    util = sys.modules.get("multiprocessing.util")
    if util is not None:
        with contextlib.suppress(Exception):
            getattr(util, "_exit_function")()  # noqa: B009 (a private function: the one that does it)


#: the signal that stopped the command (SIGTERM, SIGHUP), once one did
_STOPPED: list[int] = []


def _stop_cleanly() -> None:
    """Make SIGTERM and SIGHUP (``timeout``, a cancelled CI job, a closed terminal) stop as Ctrl-C does.

    The command is interrupted where it is, so that its temporary files and
    the folders it made are removed, and what a push stored is said; the
    process then ends with 128 + the signal's number. A signal that is
    ignored (``nohup``) stays ignored.
    """
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not a background job's SIG_IGN
        signal.signal(signal.SIGINT, _interrupt)


def _stop(number: int, frame: object) -> None:
    """The handler of :func:`_stop_cleanly`: the first signal interrupts, a second one waits for the clean-up.

    Once the command's files are in place, it has done its work: the signal
    lets it finish (print what it wrote, exit 0) instead of saying "Aborted!"
    over files it could no longer take back (a retry was then refused as
    "already exists").
    """
    if _files_in_place():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _STOPPED.append(number)
    raise KeyboardInterrupt


def _interrupt(number: int, frame: object) -> None:
    """Ctrl-C: Python's own KeyboardInterrupt, unless the command's files are already in place (see :func:`_stop`)."""
    if not _files_in_place():
        raise KeyboardInterrupt


def _files_in_place() -> bool:
    """True once the command has put its files in place (:func:`influence.atomic.committed`)."""
    atomic = sys.modules.get("influence.atomic")
    return atomic is not None and bool(atomic.committed())


def _lenient_output() -> None:
    """Let standard output and error write what their encoding cannot hold as escapes, not fail.

    A terminal set to Latin-1 (``PYTHONIOENCODING=latin-1``) cannot show
    Russian text or an arrow: the command still runs, and such characters
    come out as ``\\u0442``. UTF-8 streams (the usual case) are left as they are.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is None or encoding in ("utf8", "utf8sig") or getattr(stream, "errors", None) != "strict":
            continue
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _flush_stdout(code: int) -> int:
    """Flush standard output at the end; the exit code then (1 for a reader gone, 2 for a write refused)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        return code or 1
    except OSError as exc:  # a full disk: what the command printed did not all arrive
        _drop_stdout()
        if code == 2:  # its own error is said already
            return code
        reason = Msg("cannot write to standard output: {reason}", reason=os_reason(exc))
        click.echo(_error_line(reason, argv_language(sys.argv[1:])), err=True)
        return 2  # not 1: that would read as "findings"
    return code


def _exit_code(code: object) -> int:
    """The process exit code of ``SystemExit(code)``, as Python gives it (a message goes to stderr).

    >>> _exit_code(None), _exit_code(2)
    (0, 2)
    """
    if code is None:
        return 0
    if isinstance(code, int):
        return code % 256  # as the operating system keeps it: its low byte
    print(code, file=sys.stderr)
    return 1
