"""``influence generate``: synthetic accounts for demos, training and benchmarks."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

from influence.atomic import (
    AtomicFiles,
    missing_folder,
    names_a_folder,
    short_path,
    sweep_folders,
    temporary_prefix,
)
from influence.cli.app import OutputPath, cli, english_lang_option, holds_account, language, output_folder
from influence.cli.validate import counts
from influence.document import Document, readable
from influence.errors import Msg, SourceError, os_reason
from influence.generate import MAX_PEOPLE, generate_account
from influence.i18n import N_, Translator
from influence.serialize import dump_document
from influence.store.files import atomic_write
from influence.unprintable import escape_controls
from influence.validation import build_account

SUFFIXES = (".yaml", ".yml", ".json")
FEWER = Msg("generate fewer people")  # the advice when a file would be too large to read

__all__ = ["generate"]


@cli.command()
@click.option(
    "--people",
    type=click.IntRange(1, MAX_PEOPLE),
    required=True,
    help=N_("People on the org chart per account (informal influencers come on top)."),
)
@click.option(
    "--accounts", type=click.IntRange(1, 100_000), default=1, show_default=True, help=N_("How many accounts.")
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help=N_("Random seed (same seed, same output).")
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=OutputPath(stdout=False, dir_okay=True),
    help=N_(
        "A .yaml/.json file, or a folder when --accounts > 1 (made if missing; the folder above must exist)."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=N_(
        "Replace an account file -o names, or with --accounts > 1 the acctNNNN.yaml files already in "
        "the folder (else refused)."
    ),
)
@english_lang_option
def generate(people: int, accounts: int, seed: int, output: str, force: bool, lang: str | None) -> None:
    """Write synthetic, valid influence/v1 accounts (see influence.generate for the distribution).

    The line it prints counts what "influence validate" counts. With
    --accounts N the files are acct0000.yaml, acct0001.yaml, … in the
    folder: all of them are written, or none. With --lang ru the accounts
    are Russian (names, titles, pains; "language: ru", so their reports
    come in Russian), with the ids and structure of the same seed in English.
    """
    t = language(lang)
    if accounts == 1:
        _one_account(people, seed, output, force, t)
    else:
        _portfolio(people, accounts, seed, output, force, t)


def _one_account(people: int, seed: int, output: str, force: bool, t: Translator) -> None:
    """``generate -o FILE``: one account, YAML or JSON as the name says; an account file there is
    replaced only with ``force``."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or names_a_folder(output):
        raise SourceError(
            Msg(
                "{file}: name a .yaml, .yml or .json file (or give --accounts N to fill a folder)",
                file=short_path(output),
            )
        )
    if not force and holds_account(output):
        raise SourceError(
            Msg(
                "{file}: holds an influence/v1 account; generate to another file, or give --force to replace it",
                file=short_path(output),
            )
        )
    doc = generate_account(people, seed, 0, t.lang)
    text = dump_document(doc, "json" if suffix == ".json" else "yaml")
    # the name as given: "x.yaml/" is no file
    atomic_write(output, readable(text, str(path), FEWER), force=force)
    written = counts([build_account(Document(str(path), doc, {}))], t)
    click.echo(t.tr("wrote {file} — {counts}", file=escape_controls(str(path)), counts=written))


@contextlib.contextmanager
def _new_folder(path: Path) -> Iterator[Path]:
    """The folder ``path``, not there yet, made whole: filled as a hidden folder beside it, renamed at the end.

    A run stopped in any way (even killed) leaves no folder under that name,
    so the next run is not refused for files already there: all accounts, or none.
    """
    parent = path.parent if str(path.parent) else Path(".")
    shown = short_path(path)
    if not os.path.lexists(parent):  # (a file there: making the folder says so)
        raise SourceError(missing_folder(shown, parent))
    sweep_folders(parent, path.name)  # the half folders of runs killed outright
    try:
        work = Path(tempfile.mkdtemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=parent))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(work, 0o777 & ~mask)  # as a folder made the usual way
    except OSError as exc:
        raise SourceError(_cannot_create(shown, exc)) from None
    try:
        yield work
        os.rename(work, path)  # (a folder made there meanwhile and not empty: refused)
    except BaseException as exc:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(exc, OSError):
            raise SourceError(_cannot_create(shown, exc)) from None
        raise


def _cannot_create(shown: str, exc: OSError) -> Msg:
    """The message when the folder ``shown`` cannot be made (or its hidden twin renamed into it)."""
    return Msg("{folder}: cannot create the folder: {reason}", folder=shown, reason=os_reason(exc))


def _portfolio(people: int, accounts: int, seed: int, output: str, force: bool, t: Translator) -> None:
    """``generate --accounts N -o FOLDER``: acct0000.yaml… in the folder, all of them or none."""
    path = Path(output)
    if path.suffix.lower() in SUFFIXES and not path.is_dir():
        raise SourceError(
            Msg(
                "{file}: with --accounts > 1, -o names a folder, not a {suffix} file",
                file=short_path(output),
                suffix=path.suffix,
            )
        )
    names = [f"acct{i:04d}.yaml" for i in range(accounts)]
    if not force:
        taken = next((name for name in names if os.path.lexists(path / name)), None)
        if taken is not None:
            raise SourceError(
                Msg(
                    "{file}: already exists; nothing written "
                    "(generate into another folder, or give --force to replace the files)",
                    file=short_path(path / taken),
                )
            )
    built = []
    not_folder = Msg("{folder}: not a folder (with --accounts > 1, -o names a folder)")
    whole = (
        output_folder(output, parents=False, not_folder=not_folder)
        if os.path.lexists(path)
        else _new_folder(path)
    )
    with whole as folder, AtomicFiles() as files:
        for i, name in enumerate(names):
            doc = generate_account(people, seed, i, t.lang)
            text = readable(dump_document(doc, "yaml"), str(path / name), FEWER)
            files.write(folder / name, text, force=force)
            built.append(build_account(Document(name, doc, {})))
    click.echo(
        t.ntr(
            "wrote {n} account to {folder}/ — {counts} in all",
            "wrote {n} accounts to {folder}/ — {counts} in all",
            accounts,
            folder=escape_controls(str(path)),
            counts=counts(built, t),
        )
    )
