"""Every command's ``--help``: plain text, whatever the docstrings feed it."""

from __future__ import annotations

import click

from influence.cli import cli


def _commands(group, prefix=()):
    """Every command's path, loading lazily registered ones as ``--help`` does."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_help_shows_no_markup_meant_for_the_api_docs(run):
    """Docstrings feed --help too: reST markup (``code``, :func:) shows there as literal noise."""
    commands = list(_commands(cli))
    assert ("generate",) in commands and ("db", "push") in commands and len(commands) >= 20
    for command in commands:
        text = run(*command, "--help").stdout
        assert "``" not in text and ":func:" not in text and ":class:" not in text, command
