"""``influence generate``: synthetic accounts for demos, training and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from influence.cli.app import cli
from influence.errors import SourceError
from influence.generate import generate_account
from influence.serialize import dump_document
from influence.store.files import atomic_write
from influence.wording import counted

__all__ = ["generate"]


@cli.command()
@click.option("--people", type=click.IntRange(1, 1_000_000), required=True, help="People per account.")
@click.option(
    "--accounts", type=click.IntRange(1, 100_000), default=1, show_default=True, help="How many accounts."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same output).")
@click.option("-o", "--output", required=True, help="A .yaml/.json file, or a folder when --accounts > 1.")
def generate(people: int, accounts: int, seed: int, output: str) -> None:
    """Write synthetic, valid influence/v1 accounts (see influence.generate for the distribution)."""
    path = Path(output)
    if accounts == 1 and path.suffix.lower() in (".yaml", ".yml", ".json"):
        kind = "json" if path.suffix.lower() == ".json" else "yaml"
        atomic_write(path, dump_document(generate_account(people, seed, 0), kind))
        click.echo(f"wrote {path} ({counted(people, 'person', 'people')})")
        return
    if path.exists() and not path.is_dir():
        raise SourceError(f"{output}: not a folder (with --accounts > 1, -o names a folder)")
    path.mkdir(parents=True, exist_ok=True)
    for i in range(accounts):
        atomic_write(path / f"acct{i:04d}.yaml", dump_document(generate_account(people, seed, i), "yaml"))
    click.echo(f"wrote {counted(accounts, 'account')} of {counted(people, 'person', 'people')} to {path}/")
