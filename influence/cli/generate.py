"""``influence generate``: synthetic accounts for demos, training and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from influence.cli.app import OutputPath, cli, english_lang_option, language
from influence.cli.validate import counts
from influence.document import Document, readable
from influence.errors import SourceError
from influence.generate import generate_account
from influence.serialize import dump_document
from influence.store.files import atomic_write
from influence.validation import build_account

SUFFIXES = (".yaml", ".yml", ".json")
#: the most people an account file may hold and still be read: 200,000 make about 43 MB of
#: JSON (28 MB of YAML), under the 50 MB every command reads
MAX_PEOPLE = 200_000
FEWER = "generate fewer people"  # the advice when a file would be too large to read

__all__ = ["generate"]


@cli.command()
@click.option(
    "--people",
    type=click.IntRange(1, MAX_PEOPLE),
    required=True,
    help="People on the org chart per account (informal influencers come on top).",
)
@click.option(
    "--accounts", type=click.IntRange(1, 100_000), default=1, show_default=True, help="How many accounts."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same output).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=OutputPath(stdout=False, dir_okay=True),
    help="A .yaml/.json file, or a folder when --accounts > 1.",
)
@english_lang_option
def generate(people: int, accounts: int, seed: int, output: str, lang: str | None) -> None:
    """Write synthetic, valid influence/v1 accounts (see influence.generate for the distribution).

    The line it prints counts what "influence validate" counts.
    """
    path = Path(output)
    t = language(lang)
    if accounts == 1:
        if path.suffix.lower() not in SUFFIXES:
            raise SourceError(
                f"{output}: name a .yaml, .yml or .json file (or give --accounts N to fill a folder)"
            )
        doc = generate_account(people, seed, 0)
        atomic_write(
            path,
            readable(
                dump_document(doc, "json" if path.suffix.lower() == ".json" else "yaml"), str(path), FEWER
            ),
        )
        written = counts([build_account(Document(str(path), doc, {}))], t)
        click.echo(t.tr("wrote {file} — {counts}", file=path, counts=written))
        return
    if path.exists() and not path.is_dir():
        raise SourceError(f"{output}: not a folder (with --accounts > 1, -o names a folder)")
    if path.suffix.lower() in SUFFIXES:
        raise SourceError(f"{output}: with --accounts > 1, -o names a folder, not a {path.suffix} file")
    built = []
    for i in range(accounts):
        doc = generate_account(people, seed, i)
        text = readable(dump_document(doc, "yaml"), str(path / f"acct{i:04d}.yaml"), FEWER)
        if i == 0:  # the first account fits: the others, the same size, do too
            path.mkdir(parents=True, exist_ok=True)
        atomic_write(path / f"acct{i:04d}.yaml", text)
        built.append(build_account(Document(f"acct{i:04d}.yaml", doc, {})))
    total = counts(built, t)
    click.echo(
        t.ntr(
            "wrote {n} account to {folder}/ — {counts} in all",
            "wrote {n} accounts to {folder}/ — {counts} in all",
            accounts,
            folder=path,
            counts=total,
        )
    )
