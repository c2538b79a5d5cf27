"""``influence map`` and ``influence review``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from influence.analysis import analyze
from influence.cli.app import as_of_option, cli, load_source, source_argument
from influence.errors import SourceError
from influence.output import render_gaps
from influence.redact import Redactor
from influence.store.files import atomic_write
from influence.wording import counted

__all__ = ["map_command", "review"]

redact_option = click.option(
    "--redact", is_flag=True, help="Drop email, phone and notes; show private people and ties anonymously."
)


@cli.command("map")
@source_argument
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .html file to write."
)
@as_of_option
@redact_option
def map_command(source: str, output: str, as_of: dt.date, redact: bool) -> None:
    """Write the interactive influence map: one self-contained HTML file."""
    from influence.maps import render_map

    account = load_source(source)
    rendered = render_map(account, as_of, redact=redact)
    rendered.save(output)
    click.echo(f"wrote {output} ({counted(rendered.nodes, 'node')}, {counted(rendered.edges, 'edge')})")


@cli.command()
@source_argument
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Folder for the pack.")
@as_of_option
@redact_option
def review(source: str, output: str, as_of: dt.date, redact: bool) -> None:
    """Write the account-review pack: map.html, gaps.md and gaps.json."""
    from influence.maps import render_map

    account = load_source(source)
    report = analyze(account, as_of)
    rendered = render_map(account, as_of, redact=redact, report=report)
    shared = Redactor(account, redact).report(report)
    pack = {
        "map.html": rendered.html,
        "gaps.md": render_gaps(shared, "markdown"),
        "gaps.json": render_gaps(shared, "json"),
    }
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise SourceError(f"{output}: exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceError(f"{output}: cannot create the folder: {exc.strerror or exc}") from None
    for name, text in pack.items():  # everything is rendered before the first write
        atomic_write(folder / name, text)
    click.echo(f"wrote {folder}/map.html, gaps.md, gaps.json")
