"""Every command's ``--help``: plain text, whatever the docstrings feed it."""

from __future__ import annotations

import click
import pytest

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


def test_lang_help_names_the_default_each_command_has(run):
    """Commands that read one account default to its language; the others (generate, portfolio
    over accounts that may differ, the store's init, list, history and delete) to English: their
    help said "the account's language" too."""
    english, of_account = set(), set()
    for command in _commands(cli):
        text = " ".join(run(*command, "--help").stdout.split())
        if "Language of the output [default: en]" in text:
            english.add(command)
        elif "Language of the output [default: the account's language, else en]" in text:
            of_account.add(command)
    assert english == {
        ("generate",),
        ("portfolio",),
        ("db", "init"),
        ("db", "list"),
        ("db", "history"),
        ("db", "delete"),
    }
    assert {("gaps",), ("plan",), ("db", "pull"), ("db", "push"), ("import", "xlsx")} <= of_account


def test_portfolio_speaks_english_unless_told(run):
    from tests.conftest import EXAMPLES

    result = run("portfolio", EXAMPLES / "uralmet-ru.yaml", "--as-of", "2026-11-27")
    assert result.exit_code == 0 and result.stdout.startswith("SOURCE ")


@pytest.mark.parametrize("command", ["gaps", "portfolio"])
def test_fail_on_help_says_what_happens_without_it(run, command):
    text = " ".join(run(command, "--help").stdout.split())
    assert "at or above this severity" in text and "(default: exit 0 whatever is found)" in text
