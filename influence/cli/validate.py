"""``influence validate SOURCE``."""

from __future__ import annotations

import click

from influence.cli.app import cli, lang_option, language, load_source, source_argument

__all__ = ["validate"]


@cli.command()
@source_argument
@lang_option
def validate(source: str, lang: str | None) -> None:
    """Check an account and print a one-line summary (exit 2 with every error)."""
    account = load_source(source)
    t = language(lang, account)
    counts = [
        t.ntr("{n} person", "{n} people", len(account.people)),
        t.ntr("{n} in the buying team", "{n} in the buying team", len(account.buying_team)),
        t.ntr("{n} decision maker", "{n} decision makers", len(account.decision_makers)),
        t.ntr("{n} link", "{n} links", len(account.links)),
    ]
    click.echo(t.tr("{source}: valid — {counts}", source=source, counts=", ".join(counts)))
