"""``influence diff BEFORE AFTER``."""

from __future__ import annotations

import datetime as dt

import click

from influence.cli.app import (
    ACCOUNT_LANG_META,
    as_of_option,
    cli,
    formats_option,
    lang_option,
    language,
    load_source,
)
from influence.diff import diff_accounts
from influence.output import render_diff

__all__ = ["diff"]

DIFF_FORMATS = ("table", "json", "markdown")


@cli.command()
@click.argument("before", metavar="BEFORE")
@click.argument("after", metavar="AFTER")
@formats_option(DIFF_FORMATS)
@as_of_option
@lang_option
def diff(before: str, after: str, fmt: str, as_of: dt.date, lang: str | None) -> None:
    """What changed from BEFORE to AFTER: people, ties, coverage, findings.

    BEFORE and AFTER are two versions of one account: files, neo4j:ACCOUNT or
    neo4j:ACCOUNT@VERSION. Both are analysed at the same --as-of date. The
    language is --lang, else AFTER's account language, else English.
    """
    old, new = load_source(before), load_source(after)
    click.get_current_context().meta[ACCOUNT_LANG_META] = new.info.language  # a refusal speaks as the diff
    t = language(lang, new)
    click.echo(render_diff(diff_accounts(old, new, as_of), fmt, t.lang), nl=False)
