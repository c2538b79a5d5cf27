"""``influence plan``: the few moves that close most of the gap."""

from __future__ import annotations

import datetime as dt

import click
from click.core import ParameterSource

from influence.analysis import DEFAULT_MOVES, apply_plan, plan
from influence.cli.app import (
    XLSX_FORMAT_HELP,
    as_of_option,
    check_account_target,
    check_workbook_name,
    cli,
    emit,
    force_option,
    formats_option,
    keep_comments,
    lang_option,
    language,
    load_source,
    output_option,
    source_argument,
    workbook_file,
)
from influence.cli.language import Worded, WordedUsage
from influence.document import readable
from influence.errors import Msg
from influence.i18n import N_
from influence.loading import account_kind, parse_text
from influence.output import plan_workbook, render_plan
from influence.serialize import dump_document, to_document
from influence.store.files import atomic_write
from influence.unprintable import escape_controls
from influence.validation import build_account

__all__ = ["plan_command"]

PLAN_FORMATS = ("table", "json", "markdown", "xlsx")


def _check(moves: int, apply: bool, output: str | None, fmt: str = "table") -> None:
    """Refuse bad combinations before anything is read or written."""
    if moves < 1:
        raise Worded(
            Msg("{moves} is not a number of moves (expected 1 or more)", moves=moves), param_hint="'--moves'"
        )
    if fmt == "xlsx":
        if apply:
            raise WordedUsage(Msg("--format xlsx writes the plan as a workbook; --apply needs a text format"))
        check_workbook_name(workbook_file(output))
        return
    if output is not None and not apply:
        raise WordedUsage(Msg("-o writes the account with the moves applied: add --apply"))
    if apply and output is None:
        if click.get_current_context().get_parameter_source("output") == ParameterSource.COMMANDLINE:  # -o -
            raise WordedUsage(
                Msg("'-' (stdout): --apply writes the account to a file; give its name (-o FILE.yaml)")
            )
        raise WordedUsage(Msg("--apply writes the account with the moves applied: add -o FILE.yaml"))
    if output is not None:
        account_kind(output)  # an account file's name: refused before the account is read


@cli.command("plan")
@source_argument
@click.option(
    "--moves",
    type=int,
    default=DEFAULT_MOVES,
    show_default=True,
    metavar="N",
    help=N_("At most N moves (fewer when no move raises the score)."),
)
@as_of_option
@formats_option(PLAN_FORMATS, XLSX_FORMAT_HELP)
@click.option(
    "--apply", "apply", is_flag=True, help=N_("Write the account with the moves applied (needs -o).")
)
@output_option(
    help=N_(
        "With --apply: the account file to write (.yaml, .yml or .json); with --format xlsx: the workbook."
    )
)
@force_option(
    N_(
        "With --apply: replace an account file -o names other than SOURCE, drop the comments of SOURCE "
        "written in place, split its hard links (else refused)."
    )
)
@lang_option
def plan_command(
    source: str,
    moves: int,
    as_of: dt.date,
    fmt: str,
    apply: bool,
    output: str | None,
    force: bool,
    lang: str | None,
) -> None:
    """The few moves that close most of the gap: whom to meet, which relationship to deepen."""
    _check(moves, apply, output, fmt)
    seen = None
    if apply and output is not None:
        seen = keep_comments(source, output, force=force)
        check_account_target(output, force, source=source)
    account = load_source(source)
    chosen = plan(account, as_of, moves)
    t = language(lang, account)
    if fmt == "xlsx":  # _check made sure -o names the workbook
        emit(fmt, output, lambda: "", lambda: plan_workbook(chosen, account, t.lang), t)
        return
    text = render_plan(chosen, account, fmt, t.lang)
    if output is not None:
        kind = account_kind(output)
        written = readable(dump_document(to_document(apply_plan(account, chosen)), kind), output)
        build_account(parse_text(written, output, kind))  # the file validates before it is written
        atomic_write(output, written, expect=seen, force=force)
        click.echo(text, nl=False)
        applied = t.ntr("{n} move applied", "{n} moves applied", len(chosen.moves))
        click.echo(
            t.tr("wrote {file} ({applied})", file=escape_controls(str(output)), applied=applied), err=True
        )
        return
    click.echo(text, nl=False)
