"""``influence portfolio``: the gap analysis over a whole named-account list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from influence.analysis import SEVERITIES, analyze
from influence.analysis.portfolio import portfolio_row
from influence.cli.app import (
    Failure,
    as_of_option,
    cli,
    emit,
    error_message,
    exit_on_findings,
    lang_option,
    language,
    load_source,
    output_option,
    table_format_option,
)
from influence.errors import InfluenceError
from influence.output import render_rows, rows_workbook
from influence.store import NEO4J_PREFIX, Neo4jConfig
from influence.store.neo4j import Neo4jStore

__all__ = ["portfolio"]

SUFFIXES = (".yaml", ".yml", ".json")


def _expand(sources: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for source in sources:
        if source == f"{NEO4J_PREFIX}*":
            ctx = click.get_current_context()
            with Neo4jStore(ctx.find_object(Neo4jConfig) or Neo4jConfig()) as store:
                out += [f"{NEO4J_PREFIX}{row.id}" for row in store.list()]
        elif not source.startswith(NEO4J_PREFIX) and Path(source).is_dir():
            out += sorted(
                str(p) for p in Path(source).iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            out.append(source)
    return out


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@table_format_option
@output_option
@as_of_option
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when any account has such a finding.",
)
@lang_option
def portfolio(
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    as_of: dt.date,
    fail_on: str | None,
    lang: str | None,
) -> None:
    """One summary row per account: files, folders of files, neo4j:ACCOUNT or neo4j:* (every account).

    Every account is read and analysed in turn; if any cannot be, all the
    problems are listed and nothing is printed on stdout (exit 2). The
    language is --lang, else English (the accounts may differ in theirs).
    """
    rows, problems = [], []
    for source in _expand(sources):
        try:
            rows.append(portfolio_row(analyze(load_source(source), as_of)))
        except InfluenceError as exc:
            problems.append(error_message(exc))
    if problems:
        raise Failure("\n".join(problems))
    rows.sort(key=lambda r: (-r.high, -r.medium, r.account, r.name))
    code = language(lang).lang
    emit(
        fmt,
        output,
        lambda: render_rows("portfolio", rows, fmt, code),
        lambda: rows_workbook("portfolio", rows),
    )
    exit_on_findings((s for r in rows for s in SEVERITIES if getattr(r, s)), fail_on)
