"""``influence gaps | sponsors | paths | coverage``."""

from __future__ import annotations

import datetime as dt

import click

from influence.analysis import SEVERITIES, analyze, anti_influence_paths, coverage, sponsors
from influence.cli.app import as_of_option, cli, format_option, load_source, source_argument
from influence.output import render_gaps, render_rows

__all__ = ["coverage_command", "gaps", "paths_command", "sponsors_command"]


@cli.command()
@source_argument
@format_option
@as_of_option
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding at or above this severity exists.",
)
def gaps(source: str, fmt: str, as_of: dt.date, fail_on: str | None) -> None:
    """The gap report: what is missing from the account plan, and what to do."""
    report = analyze(load_source(source), as_of)
    click.echo(render_gaps(report, fmt), nl=False)
    if fail_on is not None:
        threshold = SEVERITIES.index(fail_on)
        if any(SEVERITIES.index(f.severity) <= threshold for f in report.findings):
            raise click.exceptions.Exit(1)


@cli.command("sponsors")
@source_argument
@format_option
@as_of_option
def sponsors_command(source: str, fmt: str, as_of: dt.date) -> None:
    """Confirmed sponsors, sponsors at risk and candidates."""
    click.echo(render_rows("sponsors", sponsors(load_source(source)), fmt), nl=False)


@cli.command("paths")
@source_argument
@format_option
@as_of_option
def paths_command(source: str, fmt: str, as_of: dt.date) -> None:
    """Anti-influence paths that reach decision makers."""
    click.echo(render_rows("paths", anti_influence_paths(load_source(source)), fmt), nl=False)


@cli.command("coverage")
@source_argument
@format_option
@as_of_option
def coverage_command(source: str, fmt: str, as_of: dt.date) -> None:
    """How well our team reaches each decision maker."""
    click.echo(render_rows("coverage", coverage(load_source(source)), fmt), nl=False)
