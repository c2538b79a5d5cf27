"""``influence validate SOURCE``."""

from __future__ import annotations

import click

from influence.cli.app import cli, lang_option, language, load_source, source_argument
from influence.i18n import Translator
from influence.model import Account

__all__ = ["counts", "validate"]


def counts(accounts: list[Account], t: Translator) -> str:
    """The counts ``validate`` prints, summed over the accounts: ``12 people, …, 3 links``.

    ``influence generate`` prints the same line for what it wrote.
    """
    people = sum(len(a.people) for a in accounts)
    buying = sum(len(a.buying_team) for a in accounts)
    deciders = sum(len(a.decision_makers) for a in accounts)
    links = sum(len(a.links) for a in accounts)
    return ", ".join(
        [
            t.ntr("{n} person", "{n} people", people),
            t.ntr("{n} in the buying team", "{n} in the buying team", buying),
            t.ntr("{n} decision maker", "{n} decision makers", deciders),
            t.ntr("{n} link", "{n} links", links),
        ]
    )


@cli.command()
@source_argument
@lang_option
def validate(source: str, lang: str | None) -> None:
    """Check an account and print a one-line summary (exit 2 with every error)."""
    account = load_source(source)
    t = language(lang, account)
    click.echo(t.tr("{source}: valid — {counts}", source=source, counts=counts([account], t)))
