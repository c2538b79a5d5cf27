"""``influence import salesforce|xlsx`` and ``influence export xlsx|graphml|gexf``."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from influence.cli.app import (
    ACCOUNT_LANG_META,
    OutputPath,
    check_account_target,
    check_file_name,
    check_workbook_name,
    cli,
    force_option,
    group_lang_option,
    keep_comments,
    lang_option,
    language,
    load_source,
    refuse_comments,
    source_argument,
    write_output,
)
from influence.errors import InfluenceError, Msg, NMsg, SourceError
from influence.i18n import N_, NP_, Translator
from influence.store.files import atomic_write
from influence.unprintable import escape_controls

__all__ = ["export_group", "import_group"]

#: what ``import salesforce`` counts in the file it wrote, by document section
IMPORTED = {
    "organizations": NP_("{n} organization", "{n} organizations"),
    "units": NP_("{n} unit", "{n} units"),
    "people": NP_("{n} person", "{n} people"),
    "team": NP_("{n} team member", "{n} team members"),
    "tenders": NP_("{n} tender", "{n} tenders"),
}

redact_option = click.option(
    "--redact",
    is_flag=True,
    help=N_(
        "Show private people as anonymous informal influencers, ties unlabeled; coverage without private ties."
    ),
)


def _document_language(lang: str | None, doc: dict[str, Any]) -> Translator:
    """``--lang``, else the written account's ``language`` (validated before writing), else English."""
    info = doc.get("account")
    if lang is None and isinstance(info, dict) and isinstance(info.get("language"), str):
        lang = info["language"]
    return language(lang)


#: ``--force`` of the imports
_force_option = force_option(
    N_(
        "Replace an account file -o names that holds another account, drop its comments, split its "
        "hard links (else refused)."
    )
)


def _account_of(doc: dict[str, Any]) -> str | None:
    """The id of the account ``doc`` holds (None when it has none)."""
    info = doc.get("account")
    found = info.get("id") if isinstance(info, dict) else None
    return found if isinstance(found, str) else None


def output_file(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The required ``-o FILE`` of an import or export."""
    return click.option("-o", "--output", required=True, type=OutputPath(stdout=False), help=help_text)


@cli.group("import")
@group_lang_option
def import_group() -> None:
    """Build an account file from a CRM export or a workbook."""


@import_group.command("salesforce")
@click.argument("folder", metavar="DIR", type=click.Path())
@click.option(
    "--account", "account", required=True, metavar="NAME_OR_ID", help=N_("The named account: Id or Name.")
)
@output_file(N_("The account file to write (.yaml, .yml or .json)."))
@click.option(
    "--merge",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help=N_(
        "An account file imported before for the same account (its x-salesforce-id): refresh its CRM "
        "fields, keep everything entered by hand."
    ),
)
@_force_option
@lang_option
def import_salesforce_command(
    folder: str, account: str, output: str, merge: str | None, force: bool, lang: str | None
) -> None:
    """Build an account file from a Salesforce data export (a folder of CSV files).

    Reads Account.csv and Contact.csv, and Opportunity.csv,
    OpportunityContactRole.csv, AccountContactRelation.csv and User.csv when
    present. Nothing is written when anything is wrong.
    """
    from influence.exchange.documents import checked_text
    from influence.exchange.salesforce import import_salesforce
    from influence.loading import load_file, read_document

    # an account file's comments are not dropped unseen
    existing, seen = None, keep_comments(output, output, force=True)
    target = seen  # the file imported over, read once for every check below (its comments after)
    if merge is not None:
        seen = keep_comments(merge, output, force=force) or seen  # -o the merged file, else the file replaced
        merged = load_file(merge)  # the file to merge into must be valid itself
        click.get_current_context().meta.setdefault(
            ACCOUNT_LANG_META, merged.info.language
        )  # errors say it in it
        existing = read_document(merge).data
    notes: list[Msg] = []  # what a merge kept because the export lacks files
    doc = import_salesforce(folder, account, existing, existing_name=merge, language=lang, notes=notes)
    refusal = None
    if merge is not None:
        refusal = Msg(
            "merging the export into {file} gives an account that breaks these rules (the export and the "
            "file disagree); nothing was written: fix {file}, or the data in the CRM",
            file=merge,
        )
    text = checked_text(doc, output, refusal)
    _check_target(output, force, doc, lang, target, merge)
    if merge is None and not force:
        _keep_hand_kept(output, target)
    atomic_write(output, text, expect=seen, force=force)
    t = _document_language(lang, doc)
    counts = ", ".join(t.ntr(*forms, len(doc.get(name) or [])) for name, forms in IMPORTED.items())
    click.echo(t.tr("wrote {file} ({counts})", file=escape_controls(str(output)), counts=counts))
    for note in notes:
        click.echo(escape_controls(note.render(t)))


def _check_target(
    output: str,
    force: bool,
    doc: dict[str, Any],
    lang: str | None,
    data: bytes | None,
    merge: str | None = None,
) -> None:
    """Refuse, unless ``force``, to write an import over ``output``: first when it is another account's
    file (which ``--force`` would replace entirely), then when its comments would go. ``data``: its
    bytes, read once by the caller. Said in the imported account's language (the merged file's, with
    ``--merge``)."""
    click.get_current_context().meta.setdefault(ACCOUNT_LANG_META, _document_language(lang, doc).lang)
    check_account_target(output, force, source=merge, account=_account_of(doc), data=data)
    if not force:
        refuse_comments(output, output, data)


#: the sections of an account a CRM export never carries: the team's own work
HAND_KEPT = ("relationships", "activities", "links", "competitors")


def _keep_hand_kept(output: str, read: bytes | None = None) -> None:
    """Refuse to replace ``output`` (the same account's file) when it holds what the export does not
    carry: a refresh without ``--merge`` would drop the team's relationships, activities, ties and
    competitors without a word. ``read``: the file's bytes, when read already."""
    from influence.loading import read_document

    if not os.path.isfile(output):  # none yet, or a pipe or device (reading it would wait for input)
        return
    try:
        data = read_document(output, data=read).data
    except (InfluenceError, OSError):  # no file, or none to read: nothing of the team's is lost
        return
    kept = [(name, len(data.get(name) or [])) for name in HAND_KEPT if isinstance(data.get(name), list)]
    kept = [(name, n) for name, n in kept if n]
    if kept:
        raise SourceError(
            NMsg(
                "-o {output} holds {n} record this export does not carry ({kept}); nothing written: "
                "add --merge {output} to keep it, or give --force to replace the file",
                "-o {output} holds {n} records this export does not carry ({kept}); nothing written: "
                "add --merge {output} to keep them, or give --force to replace the file",
                sum(n for _, n in kept),
                output=escape_controls(output),
                kept=", ".join(f"{name}: {n}" for name, n in kept),
            )
        )


@cli.group("export")
@group_lang_option
def export_group() -> None:
    """Write an account for spreadsheets and graph tools."""


@import_group.command("xlsx")
@click.argument("workbook", metavar="FILE.xlsx", type=click.Path(dir_okay=False))
@output_file(N_("The account file to write (.yaml, .yml or .json)."))
@_force_option
@lang_option
def import_xlsx_command(workbook: str, output: str, force: bool, lang: str | None) -> None:
    """Build an account file from a workbook written by `influence export xlsx`.

    Problems are named by their cell (people!H4); nothing is written then.
    """
    from influence.exchange.documents import checked_text
    from influence.exchange.workbook import read_workbook

    seen = keep_comments(output, output, force=True)  # the file imported over, read once
    doc = read_workbook(workbook)
    text = checked_text(doc, output)
    _check_target(output, force, doc, lang, seen)
    atomic_write(output, text, expect=seen, force=force)
    click.echo(_document_language(lang, doc).tr("wrote {file}", file=escape_controls(str(output))))


@export_group.command("xlsx")
@source_argument
@output_file(N_("The .xlsx workbook to write."))
@lang_option
def export_xlsx_command(source: str, output: str, lang: str | None) -> None:
    """The account as an Excel workbook: one sheet per list, drop-downs for the vocabularies."""
    from influence.exchange.workbook import account_workbook
    from influence.serialize import to_document

    check_workbook_name(output, "export xlsx")
    account = load_source(source)
    t = language(lang, account)
    write_output(output, account_workbook(to_document(account), t.lang))
    click.echo(t.tr("wrote {file}", file=escape_controls(str(output))))


#: the description and the ``-o`` help of ``export graphml`` and ``export gexf``
_GRAPH_HELP = {
    "graphml": (
        N_("The influence graph as GraphML for Gephi, yEd or Cytoscape."),
        N_("The .graphml file to write."),
    ),
    "gexf": (N_("The influence graph as GEXF for Gephi, yEd or Cytoscape."), N_("The .gexf file to write.")),
}


def _export_graph(fmt: str) -> None:
    summary, output_help = _GRAPH_HELP[fmt]

    @source_argument
    @output_file(output_help)
    @redact_option
    @lang_option
    def command(source: str, output: str, redact: bool, lang: str | None) -> None:
        from influence.exchange.graphfiles import export_graph

        _graph_file_name(fmt, output)
        account = load_source(source)
        t = language(lang, account)
        write_output(output, export_graph(account, fmt, redact=redact, lang=t.lang))
        click.echo(t.tr("wrote {file}", file=escape_controls(str(output))))

    command.__doc__ = summary
    export_group.command(fmt)(command)


#: names that say another format: a GEXF file named .graphml would open wrong in Gephi
_CLAIMED = (".graphml", ".gexf", ".xlsx", ".json", ".csv", ".md", ".yaml", ".yml", ".html")


def _graph_file_name(fmt: str, output: str) -> None:
    refusal = Msg(
        "{command} writes {format}, but {output} names a {suffix} file: use {own}",
        command="export " + fmt,
        format=fmt.upper(),
    )
    check_file_name(output, f".{fmt}", refusal, _CLAIMED)


_export_graph("graphml")
_export_graph("gexf")
