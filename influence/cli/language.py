"""The command line's own words in the language of ``--lang``: help pages and usage errors.

click writes its help pages and usage errors in English, through its own
gettext domain, which influence leaves alone (the library is used
in-process too: no global catalogue, no environment variable). With
``--lang ru`` anywhere on the command line (:func:`argv_language`, read
before click parses it), the commands and groups here format their help in
Russian (click's headings, our descriptions and option help) and
:func:`usage_error_text` says a click usage error in Russian. Without
it, every word is click's own: the output is what click prints.

Every help text of a command or option is English in the code and marked
for the catalogue: option help with ``N_("…")``, a command's description
is its docstring (``tools/i18n.py`` extracts the docstrings of functions
decorated as commands). They are translated here, when help is formatted.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Sequence
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError

from influence.errors import Msg
from influence.i18n import LANGUAGES, N_, Translator, words_for
from influence.unprintable import escape_controls

__all__ = [
    "CLICK_MESSAGES",
    "LANG_META",
    "LocalizedCommand",
    "LocalizedGroup",
    "Worded",
    "WordedUsage",
    "argv_language",
    "cli_words",
    "confirm",
    "help_text",
    "shortened",
    "show_version",
    "shown_reason",
    "usage_error_text",
    "yes_or_no",
]

#: where the language of ``--lang`` is kept in the click context's ``meta`` (shared by every
#: context of one command line): set from the command line before click parses it, and by
#: the option itself
LANG_META = "influence.lang"

# click's words, with click's English as the msgid ({value!r} written {value}: the value comes quoted)
# TRANSLATORS: the heading of the usage line of --help and of a usage error (click's word)
_USAGE = N_("Usage:")
# TRANSLATORS: the heading of the options in --help (click's word)
_OPTIONS = N_("Options")
# TRANSLATORS: the heading of the commands in --help (click's word)
_COMMANDS = N_("Commands")
# TRANSLATORS: click's placeholders in a usage line: influence gaps [OPTIONS] SOURCE
_USAGE_PIECES = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))
# TRANSLATORS: click's help of -h/--help and --version
_HELP_OPTIONS = (N_("Show this message and exit."), N_("Show the version and exit."))
# TRANSLATORS: in brackets after an option's help: [default: table; required]
_DEFAULT = N_("default: {default}")
_REQUIRED = N_("required")
_ENV_VAR = N_("env var: {var}")
# TRANSLATORS: the line under the usage line of a usage error (click's words)
_TRY_HELP = N_("Try '{command} {option}' for help.")
# TRANSLATORS: after a yes/no question that an empty answer takes as no (click's [y/N])
_NO_BY_DEFAULT = N_("[y/N]")
# TRANSLATORS: the answers that mean yes, lower case, between "|" (y and yes are always understood)
_YES = N_("y|yes")
# TRANSLATORS: the answers that mean no, lower case, between "|" (n and no are always understood)
_NO = N_("n|no")
# TRANSLATORS: the line before a yes/no question is asked again (click says "Error: invalid input")
_YES_OR_NO = N_("answer y or n")
# TRANSLATORS: what --version prints (click's words): influence, version 0.1.0
_VERSION = N_("{program}, version {version}")

#: click's usage errors that come as text only, with click's English as the msgid: the
#: message is matched against each (a ``{name}`` matches any text) and said in the
#: catalogue's words with the values it holds. Errors that carry their parts (an unknown
#: option, a missing argument, a bad value) are worded from those.
CLICK_MESSAGES = (
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid integer."),
    N_("{value} is not a valid integer range."),
    N_("{value} is not in the range {range}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {nargs} arguments."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Missing command."),
    N_("File {name} is a directory."),
    N_("Directory {name} is a file."),
    N_("{value} is not {choice}."),  # last: the range's message above says "is not" too
)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each of :data:`CLICK_MESSAGES` as a pattern and the message, compiled on first use.

    Only a usage error needs them: compiling the thirteen patterns when the
    module is imported cost every command about a millisecond.
    """
    return tuple(
        (
            re.compile(
                "".join(
                    f"(?P<{part}>.+)" if i % 2 else re.escape(part)
                    for i, part in enumerate(re.split(r"\{(\w+)\}", message))
                )
                + r"\Z",
                re.DOTALL,
            ),
            message,
        )
        for message in CLICK_MESSAGES
    )


_MISSING = {
    "argument": N_("Missing argument {name}."),
    "option": N_("Missing option {name}."),
    "parameter": N_("Missing parameter {name}."),
}


def argv_language(args: Sequence[str]) -> str | None:
    """The language ``--lang L`` or ``--lang=L`` names on the command line (the last one given).

    None without one, or when the last is not a language influence speaks
    (the option itself says so). Arguments after ``--`` are not options.

    >>> argv_language(["gaps", "--as-of", "x", "--lang=ru"]), argv_language(["gaps", "--", "--lang", "ru"])
    ('ru', None)
    """
    lang: str | None = None
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            break
        if arg == "--lang":
            lang = next(rest, None)
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in LANGUAGES else None


def cli_words(ctx: click.Context | None) -> Translator | None:
    """The words of the command line's language, None for English (click's own)."""
    lang = ctx.meta.get(LANG_META) if ctx is not None else None
    return words_for(lang)


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The callback of ``--version``: click's line, in the command line's language.

    >>> from click.testing import CliRunner
    >>> command = click.command()(click.option("--version", is_flag=True, expose_value=False, is_eager=True,
    ...     callback=show_version)(lambda: None))
    >>> CliRunner().invoke(command, ["--version"], prog_name="influence").output.rsplit(" ", 1)[0]
    'influence, version'
    """
    if not value or ctx.resilient_parsing:
        return
    from influence.version import __version__

    t = cli_words(ctx)
    said = _VERSION.format if t is None else functools.partial(t.tr, _VERSION)
    click.echo(said(program=ctx.find_root().info_name, version=__version__))
    ctx.exit()


def yes_or_no(answer: str, t: Translator) -> bool | None:
    """True for an answer that means yes, False for no (or nothing typed), None for neither.

    The English answers (``y``, ``yes``, ``n``, ``no``) are understood in every
    language, as typed on either keyboard layout:

    >>> from influence.i18n import translator
    >>> [yes_or_no(a, translator("ru")) for a in ("Да", " д ", "y", "", "нет", "может быть")]
    [True, True, True, False, False, None]
    """
    said = answer.strip().casefold()
    if not said or said in {"n", "no", *t.tr(_NO).split("|")}:
        return False
    if said in {"y", "yes", *t.tr(_YES).split("|")}:
        return True
    return None


def confirm(question: str, t: Translator | None) -> bool:
    """Ask ``question`` on standard error, an empty answer meaning no, until it is answered.

    In English (``t`` None or English) it is click's own ``[y/N]`` prompt. In
    Russian the prompt reads ``[д/Н]``, an answer is read by :func:`yes_or_no`
    and one that is neither is asked again after a line in Russian. No answer
    at all (standard input closed, Ctrl-C) raises :class:`click.Abort`, as
    click's prompt does.
    """
    if t is None or t.lang == "en":
        return click.confirm(question, default=False, err=True)
    while True:
        typed = click.prompt(f"{question} {t.tr(_NO_BY_DEFAULT)}", default="", show_default=False, err=True)
        answer = yes_or_no(typed, t)
        if answer is not None:
            return answer
        click.echo(t.tr(_YES_OR_NO), err=True)


def help_text(command: click.Command) -> str:
    """A command's description as click shows it (its docstring, cleaned): the msgid it has in the catalogue."""
    return inspect.cleandoc(command.help or "").partition("\f")[0]


class Worded(click.BadParameter):
    """A bad option value whose reason is a message of the catalogue (English as ``message``)."""

    def __init__(self, msg: Msg, ctx: click.Context | None = None, **hint: Any) -> None:
        super().__init__(str(msg), ctx, **hint)
        self.msg = msg


class WordedUsage(click.UsageError):
    """A usage error whose reason is a message of the catalogue (English as ``message``, as click prints it)."""

    def __init__(self, msg: Msg, ctx: click.Context | None = None) -> None:
        super().__init__(str(msg), ctx)
        self.msg = msg


class _Localized(click.Command):
    """Help in the command line's language; click's own formatting in English."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        t = cli_words(ctx)
        return pieces if t is None else [t.gettext(p) if p in _USAGE_PIECES else p for p in pieces]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = cli_words(ctx)
        if t is None:
            super().format_usage(ctx, formatter)
            return
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, f"{t.gettext(_USAGE)} ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = cli_words(ctx)
        text = help_text(self)
        if t is None or not text:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(t.gettext(text))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = cli_words(ctx)
        if t is None:
            super().format_options(ctx, formatter)
            return
        records = [_help_record(param, ctx, t) for param in self.get_params(ctx)]
        rows = [record for record in records if record is not None]
        if rows:
            with formatter.section(t.gettext(_OPTIONS)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class LocalizedCommand(_Localized):
    """A command whose help follows ``--lang``."""


class LocalizedGroup(_Localized, click.Group):
    """A group whose help, and its commands', follows ``--lang``."""

    command_class = LocalizedCommand
    group_class: type[click.Group] | type[type] | None = type  # its groups are of its own class

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = cli_words(ctx)
        if t is None:
            super().format_commands(ctx, formatter)
            return
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command is not None and not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        rows = [(name, _short_help(command, t, limit)) for name, command in shown]
        with formatter.section(t.gettext(_COMMANDS)):
            formatter.write_dl(rows)


def _short_help(command: click.Command, t: Translator, limit: int) -> str:
    """The line a group's help gives a command: its own short help, else its description shortened."""
    if command.short_help:
        return t.gettext(inspect.cleandoc(command.short_help))
    return shortened(t.gettext(help_text(command)), limit)


def shortened(text: str, limit: int) -> str:
    """The first sentence of ``text``'s first paragraph when it fits in ``limit``, else its words cut with "...".

    As click shortens a command's description in a group's list.

    >>> shortened("Write the map. Then open it.", 45)
    'Write the map.'
    >>> shortened("Отчёт о пробелах: чего не хватает в плане по клиенту", 30)
    'Отчёт о пробелах: чего не...'
    """
    words = text.split("\n\n")[0].split()
    length = -1
    for i, word in enumerate(words):
        length += len(word) + 1
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
    else:
        return " ".join(words)
    kept = words[:i]
    while kept and len(" ".join(kept)) + 3 > limit:
        kept.pop()
    return " ".join(kept) + "..."


def _help_record(param: click.Parameter, ctx: click.Context, t: Translator) -> tuple[str, str] | None:
    """An option's line in ``--help``, in ``t``'s words: its names, then its help and what click adds."""
    record = param.get_help_record(ctx)
    if record is None or not isinstance(param, click.Option):
        return record
    names = record[0]  # its value's placeholder (FILE, N, TEXT) in English, as help texts name them
    extra = param.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append(t.tr(_ENV_VAR, var=", ".join(extra["envvars"])))
    if "default" in extra:
        items.append(t.tr(_DEFAULT, default=extra["default"]))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(t.gettext(_REQUIRED))
    text = t.gettext(param.help) if param.help else ""
    if items:
        text = f"{text}  [{'; '.join(items)}]" if text else f"[{'; '.join(items)}]"
    return names, text


def usage_error_text(exc: click.UsageError, ctx: click.Context) -> str | None:
    """``exc`` as printed in the command line's language (``ctx`` knows it); None for a help page.

    The usage line and the help hint come first, as click prints them, then
    the reason: in English click's own ``Error: …``, in another language as
    influence's other errors say theirs (``ошибка: …``). The reason is on one
    line and cut (:func:`shown_reason`): a value with a line break or an
    escape sequence would otherwise reach the terminal as it is.
    """
    if isinstance(exc, NoArgsIsHelpError):  # a bare group: its help page, no error to say
        return None
    t = cli_words(ctx)
    parts = []
    if exc.ctx is not None:  # click shows the usage only when it knows the command
        hint = ""
        if exc.ctx.command.get_help_option(exc.ctx) is not None:
            option = max(exc.ctx.command.get_help_option_names(exc.ctx), key=len)
            said = _TRY_HELP.format if t is None else functools.partial(t.tr, _TRY_HELP)
            hint = f"{said(command=exc.ctx.command_path, option=option)}\n"
        parts.append(escape_controls(f"{exc.ctx.get_usage()}\n{hint}", keep="\n"))
    if t is None:
        parts.append(f"Error: {shown_reason(exc.format_message())}")  # click's words
    else:
        parts.append(shown_reason(Msg("error: {message}", message=_reason(exc, t)).render(t)))
    return "\n".join(parts)


#: the longest reason a usage error shows (a value of 100,000 characters would fill screens)
SHOWN_REASON = 1000


def shown_reason(text: str) -> str:
    """A usage error's reason as the terminal shows it: on one line (control characters escaped) and cut.

    >>> print(shown_reason("'x" + chr(27) + "[31m" + chr(10) + "y' is not a date"))
    'x\\x1b[31m\\ny' is not a date
    >>> len(shown_reason("x" * 5000))
    1000
    """
    text = escape_controls(text)
    return text if len(text) <= SHOWN_REASON else f"{text[: SHOWN_REASON - 1]}…"


def _reason(exc: click.UsageError, t: Translator) -> str:
    """What is wrong, in ``t``'s words: from the error's parts, else from click's text."""
    if isinstance(exc, WordedUsage):
        return exc.msg.render(t)
    if isinstance(exc, click.NoSuchOption):
        return _unknown(t.tr(N_("No such option '{name}'."), name=exc.option_name), exc.possibilities, t)
    if isinstance(exc, click.exceptions.NoSuchCommand):
        return _unknown(t.tr(N_("No such command '{name}'."), name=exc.command_name), exc.possibilities, t)
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        text = t.tr(_MISSING.get(kind, _MISSING["parameter"]), name=_param_hint(exc) or "")
        return f"{text} {_said(exc.message, t)}" if exc.message else text
    if isinstance(exc, click.BadParameter):
        reason = exc.msg.render(t) if isinstance(exc, Worded) else _said(exc.message, t)
        hint = _param_hint(exc)
        if hint is None:
            return t.tr(N_("Invalid value: {message}"), message=reason)
        return t.tr(N_("Invalid value for {param_hint}: {message}"), param_hint=hint, message=reason)
    return _said(exc.message, t)


def _param_hint(exc: click.BadParameter) -> str | None:
    """The option or argument a bad value was given to, quoted as click names it: ``'--as-of'``."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx) if exc.ctx is not None else None
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(h) for h in hint)


def _unknown(text: str, possibilities: list[str] | None, t: Translator) -> str:
    """An unknown option or command, and the names it may have meant (click's "did you mean")."""
    if not possibilities:
        return text
    names = ", ".join(repr(p) for p in sorted(possibilities))
    if len(possibilities) == 1:
        meant = t.tr(N_("Did you mean {possibility}?"), possibility=names)
    else:
        meant = t.tr(N_("(Did you mean one of: {possibilities}?)"), possibilities=names)
    return f"{text} {meant}"


def _said(message: str, t: Translator) -> str:
    """click's English ``message`` in ``t``'s words when it is one of :data:`CLICK_MESSAGES`, else as it is."""
    for pattern, template in _patterns():
        match = pattern.match(message)
        if match is not None:
            return t.tr(template, **match.groupdict())
    return message
