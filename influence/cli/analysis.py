"""``influence gaps | sponsors | paths | coverage``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from influence.analysis import analyze, anti_influence_paths, coverage, sponsors
from influence.cli.app import (
    as_of_option,
    cli,
    emit,
    exit_on_findings,
    fail_on_option,
    lang_option,
    language,
    load_source,
    output_format,
    output_option,
    source_argument,
    table_format_option,
)
from influence.i18n import N_
from influence.output import gaps_workbook, render_gaps, render_rows, rows_workbook

__all__ = ["gaps"]


@cli.command()
@source_argument
@table_format_option
@output_option
@as_of_option
@fail_on_option
@lang_option
def gaps(
    source: str, fmt: str, output: str | None, as_of: dt.date, fail_on: str | None, lang: str | None
) -> None:
    """The gap report: what is missing from the account plan, and what to do."""
    fmt = output_format(fmt, output)
    account = load_source(source)
    report = analyze(account, as_of)
    t = language(lang, account)
    emit(fmt, output, lambda: render_gaps(report, fmt, t.lang), lambda: gaps_workbook(report, t.lang), t)
    exit_on_findings((f.severity for f in report.findings), fail_on)


def _rows_command(name: str, analysis: Callable[..., list[Any]], summary: str) -> None:
    """Register ``influence NAME SOURCE`` printing the rows of one analysis.

    These analyses do not depend on a date (docs/analysis.md); ``--as-of``
    is still accepted (and checked), so that every analysis command takes
    the same options and a script can pass one date to all of them.
    """

    @source_argument
    @table_format_option
    @output_option
    @as_of_option
    @lang_option
    def command(source: str, fmt: str, output: str | None, as_of: dt.date, lang: str | None) -> None:
        fmt = output_format(fmt, output)
        account = load_source(source)
        rows = analysis(account)
        t = language(lang, account)
        emit(
            fmt,
            output,
            lambda: render_rows(name, rows, fmt, t.lang),
            lambda: rows_workbook(name, rows, t.lang),
            t,
        )

    command.__doc__ = summary
    cli.command(name)(command)


_rows_command("sponsors", sponsors, N_("Confirmed sponsors, sponsors at risk and candidates."))
_rows_command("paths", anti_influence_paths, N_("Anti-influence paths that reach decision makers."))
_rows_command("coverage", coverage, N_("How well our team reaches each decision maker."))
