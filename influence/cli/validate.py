"""``influence validate SOURCE``."""

from __future__ import annotations

import click

from influence.cli.app import cli, load_source, source_argument

__all__ = ["validate"]


@cli.command()
@source_argument
def validate(source: str) -> None:
    """Check an account and print a one-line summary (exit 2 with every error)."""
    account = load_source(source)
    buying = len(account.buying_team)
    click.echo(
        f"{source}: valid — {len(account.people)} people, {buying} in the buying team, "
        f"{len(account.decision_makers)} decision makers, {len(account.links)} links"
    )
