"""``influence db init | push | pull | list | delete``."""

from __future__ import annotations

from pathlib import Path

import click

from influence.cli.app import cli
from influence.errors import SourceError
from influence.loading import load_file
from influence.serialize import dump_document, to_document
from influence.store import Neo4jConfig
from influence.store.files import atomic_write
from influence.store.neo4j import Neo4jStore
from influence.wording import counted

__all__ = ["db"]


def _store() -> Neo4jStore:
    ctx = click.get_current_context()
    return Neo4jStore(ctx.find_object(Neo4jConfig) or Neo4jConfig())


@cli.group()
def db() -> None:
    """Keep accounts in Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)."""


@db.command()
def init() -> None:
    """Create the constraints and indexes (safe to run again)."""
    with _store() as store:
        count = store.init()
    click.echo(f"schema ready ({counted(count, 'constraint')})")


@db.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def push(files: tuple[str, ...]) -> None:
    """Validate account files, then replace each account in Neo4j (one transaction each)."""
    accounts = [load_file(f) for f in files]  # every file validated before anything is written
    with _store() as store:
        for file, account in zip(files, accounts, strict=True):
            written = store.push(account)
            click.echo(
                f"{file}: pushed account '{account.id}' ({counted(written, 'node or relationship', 'nodes and relationships')})"
            )


@db.command()
@click.argument("account")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (.yaml, .yml or .json).")
def pull(account: str, output: str | None) -> None:
    """Read an account from Neo4j as an influence/v1 file (YAML on stdout by default)."""
    kind = "yaml"
    if output is not None:
        suffix = Path(output).suffix.lower()
        if suffix not in (".yaml", ".yml", ".json"):
            raise SourceError(
                f"{output}: unsupported file type '{suffix or '(none)'}' (expected .yaml, .yml or .json)"
            )
        kind = "json" if suffix == ".json" else "yaml"
    with _store() as store:
        text = dump_document(to_document(store.pull(account)), kind)  # validated on the way
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)
        click.echo(f"wrote {output}", err=True)


@db.command("list")
def list_accounts() -> None:
    """Accounts in the database: id, name, people, buying team, last push."""
    with _store() as store:
        rows = store.list()
    table = [("ID", "NAME", "PEOPLE", "BUYING_TEAM", "LAST_PUSH")]
    for r in rows:
        pushed = r.pushed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if r.pushed_at else ""
        table.append((r.id, r.name, str(r.people), str(r.buying_team), pushed))
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    for row in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    if not rows:
        click.echo("(no accounts)")


@db.command()
@click.argument("account")
def delete(account: str) -> None:
    """Delete one account's subgraph."""
    with _store() as store:
        removed = store.delete(account)
    click.echo(f"deleted account '{account}' ({counted(removed, 'node')})")
