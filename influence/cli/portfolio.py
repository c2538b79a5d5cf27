"""``influence portfolio``: the gap analysis over a whole named-account list."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools

import click

from influence.analysis import SEVERITIES
from influence.analysis.portfolio import PortfolioRow
from influence.batch import expand_sources, failed_row, portfolio_rows
from influence.cli.app import (
    SHOWN_ISSUES,
    Failure,
    as_of_option,
    cli,
    emit,
    english_lang_option,
    error_message,
    exit_on_findings,
    language,
    output_format,
    output_option,
    reading,
    table_format_option,
)
from influence.errors import InfluenceError
from influence.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from influence.output import render_rows, rows_workbook
from influence.store import Neo4jConfig
from influence.unprintable import escape_controls

__all__ = ["portfolio"]


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@table_format_option
@output_option
@as_of_option
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help=N_(
        "Exit 1 when any account has a finding at or above this severity (default: exit 0 whatever is found)."
    ),
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=N_("Worker processes (default: one per core; at most 4 per core are started)."),
)
@english_lang_option
def portfolio(
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    as_of: dt.date,
    fail_on: str | None,
    jobs: int | None,
    lang: str | None,
) -> None:
    """One summary row per account: files, folders of files, neo4j:ACCOUNT or neo4j:* (every account).

    Each row names its source; a file named twice (or also through its
    folder) has one row. Several files of one account each have their row,
    and a warning on stderr names them. The accounts are read and analysed
    in parallel, one per core at a time (--jobs at most 4 per core). An
    account that cannot be read (or a neo4j:* that cannot be listed) gets a
    row with its error, while the others still print; then every problem
    goes to stderr and the exit code is 2. Rows are sorted: error rows
    first, then by HIGH findings, then MEDIUM (most first), then by account
    id, name and source. In a folder, a file and a link to it give one row,
    named by the file; a JSON report (a summary an earlier run wrote there,
    a gap report, a plan, a review pack's gaps.json or plan.json) is skipped
    with a note (silently when it is the -o file itself). A folder with no
    account file is an error (exit 2, no rows), and so is neo4j:* on a
    database that holds no account. The language is --lang, else English
    (the accounts may differ in theirs).
    """
    fmt = output_format(fmt, output)
    gc.enable()  # many accounts in one run: let the collector keep memory flat
    config = click.get_current_context().find_object(Neo4jConfig) or Neo4jConfig()
    rows, problems = [], {}
    unlisted: dict[str, InfluenceError] = {}
    skipped: list[str] = []
    files = expand_sources(sources, config, unlisted=unlisted, output=output, skipped=skipped)
    t = language(lang)
    for file in skipped:
        message = t.tr(
            "note: {file}: skipped: an influence report or summary in JSON, not an account", file=file
        )
        click.echo(escape_controls(message), err=True)
    reading(*files)
    describe = functools.partial(_describe, lang=lang)
    for row, problem in itertools.chain(
        (failed_row(source, exc, describe) for source, exc in unlisted.items()),
        portfolio_rows(files, as_of, neo4j=config, jobs=jobs, describe=describe),
    ):
        rows.append(row)
        if problem is not None:
            problems[row.source] = problem
    rows.sort(
        key=lambda r: (
            r.error is None,
            -(r.high or 0),
            -(r.medium or 0),
            r.account or "",
            r.name or "",
            r.source,
        )
    )
    emit(
        fmt,
        output,
        lambda: render_rows("portfolio", rows, fmt, t.lang),
        lambda: rows_workbook("portfolio", rows, t.lang),
        t,
    )
    shared = _shared_accounts(rows, files, t)
    if shared:
        click.echo(shared, err=True)
    if problems:
        raise Failure(_one_screen([problems[source] for source in sorted(problems)], t))
    exit_on_findings((s for r in rows for s, n in r.severities.items() if n), fail_on)


def _one_screen(problems: list[str], t: Translator) -> str:
    """The accounts' problems for stderr: at most :data:`SHOWN_ISSUES` lines, then a count (in ``t``'s language).

    Each account's problem is already one screen; many invalid accounts
    would still fill several. The ERROR column names each account's first problem and how many
    more it has.
    """
    lines = "\n".join(problems).splitlines()
    if len(lines) <= SHOWN_ISSUES:
        return "\n".join(lines)
    rest = t.ntr("… and {n} more line", "… and {n} more lines", len(lines) - SHOWN_ISSUES)
    failed = t.ntr("{n} account failed", "{n} accounts failed", len(problems))
    return "\n".join(
        [
            *lines[:SHOWN_ISSUES],
            t.tr(
                "{rest} ({failed}; the ERROR column names each account's first problem and counts the others)",
                rest=rest,
                failed=failed,
            ),
        ]
    )


def _shared_accounts(rows: list[PortfolioRow], files: list[str], t: Translator) -> str:
    """A warning for each account that several sources hold, naming them in ``files``' order ("" if none).

    Each of those sources keeps its row (they are different files: another
    language, next quarter's plan), but a total over the rows counts the
    account more than once. At most :data:`SHOWN_ISSUES` lines, then a count.
    """
    position = {source: i for i, source in enumerate(files)}
    by_id: dict[str, list[str]] = {}
    for row in rows:
        if row.account is not None:
            by_id.setdefault(row.account, []).append(row.source)
    lines = [
        t.tr(
            "warning: several sources hold account '{account}', one row each: {sources}",
            account=escape_controls(ident),
            sources=", ".join(escape_controls(s) for s in sorted(names, key=position.__getitem__)),
        )
        for ident, names in sorted(by_id.items())
        if len(names) > 1
    ]
    if len(lines) > SHOWN_ISSUES:
        rest = t.ntr("… and {n} more line", "… and {n} more lines", len(lines) - SHOWN_ISSUES)
        lines = [*lines[:SHOWN_ISSUES], rest]
    return "\n".join(lines)


def _describe(exc: InfluenceError, lang: str | None) -> str:
    """An account's error as the portfolio shows it, in ``--lang`` (picklable: the workers call it)."""
    return error_message(
        exc, SHOWN_ISSUES, translator(lang) if lang not in (None, DEFAULT_LANGUAGE) else None
    )
