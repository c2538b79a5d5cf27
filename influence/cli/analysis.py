"""``influence gaps | sponsors | paths | coverage``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from influence.analysis import analyze, anti_influence_paths, coverage, sponsors
from influence.cli.app import (
    as_of_option,
    cli,
    exit_on_findings,
    fail_on_option,
    format_option,
    lang_option,
    language,
    load_source,
    source_argument,
)
from influence.output import render_gaps, render_rows

__all__ = ["gaps"]


@cli.command()
@source_argument
@format_option
@as_of_option
@fail_on_option
@lang_option
def gaps(source: str, fmt: str, as_of: dt.date, fail_on: str | None, lang: str | None) -> None:
    """The gap report: what is missing from the account plan, and what to do."""
    account = load_source(source)
    report = analyze(account, as_of)
    click.echo(render_gaps(report, fmt, language(lang, account).lang), nl=False)
    exit_on_findings((f.severity for f in report.findings), fail_on)


def _rows_command(name: str, analysis: Callable[..., list[Any]], summary: str) -> None:
    """Register ``influence NAME SOURCE`` printing the rows of one analysis.

    These analyses do not depend on a date (docs/analysis.md), so they take
    no ``--as-of``: an option that cannot change the output would suggest a
    dated result.
    """

    @source_argument
    @format_option
    @lang_option
    def command(source: str, fmt: str, lang: str | None) -> None:
        account = load_source(source)
        click.echo(render_rows(name, analysis(account), fmt, language(lang, account).lang), nl=False)

    command.__doc__ = summary
    cli.command(name)(command)


_rows_command("sponsors", sponsors, "Confirmed sponsors, sponsors at risk and candidates.")
_rows_command("paths", anti_influence_paths, "Anti-influence paths that reach decision makers.")
_rows_command("coverage", coverage, "How well our team reaches each decision maker.")
