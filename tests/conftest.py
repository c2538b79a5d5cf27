"""Shared fixtures: example paths, a file writer and a CLI runner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from influence.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def write(tmp_path: Path):
    """Write dedented text to a file in tmp_path and return its path."""

    def _write(text: str, name: str = "acct.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def _run(*args: str | Path, env: dict[str, str] | None = None):
        return runner.invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    return _run
