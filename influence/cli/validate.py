"""``influence validate SOURCE``."""

from __future__ import annotations

import click

from influence.cli.app import cli, load_source, source_argument
from influence.model import Account

__all__ = ["counts", "validate"]


def counts(accounts: list[Account]) -> str:
    """The counts ``validate`` prints (summed over several accounts), e.g. ``12 people, …, 3 links``."""
    people = sum(len(a.people) for a in accounts)
    buying = sum(len(a.buying_team) for a in accounts)
    deciders = sum(len(a.decision_makers) for a in accounts)
    links = sum(len(a.links) for a in accounts)
    return f"{people} people, {buying} in the buying team, {deciders} decision makers, {links} links"


@cli.command()
@source_argument
def validate(source: str) -> None:
    """Check an account and print a one-line summary (exit 2 with every error)."""
    click.echo(f"{source}: valid — {counts([load_source(source)])}")
