"""``-o -``: stdout where a command prints anyway, refused where it only writes files."""

from __future__ import annotations

import os

import pytest

from tests.conftest import EXAMPLES

URALMET = EXAMPLES / "uralmet.yaml"
AS_OF = ("--as-of", "2026-11-27")


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", URALMET, *AS_OF),
        ("gaps", URALMET, *AS_OF, "--format", "json"),
        ("sponsors", URALMET, *AS_OF, "--format", "csv"),
        ("plan", URALMET, *AS_OF),
        ("portfolio", EXAMPLES, *AS_OF),
    ],
)
def test_dash_prints_what_the_command_prints_without_it(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    printed = run(*args)
    dashed = run(*args, "-o", "-")
    assert (dashed.exit_code, dashed.stdout) == (printed.exit_code, printed.stdout)
    assert printed.stdout and not printed.stdout.startswith("wrote")
    assert os.listdir(tmp_path) == []  # no file named "-"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("map", URALMET, "-o", "-"), "file"),
        (("map", URALMET, "-o", "m.html", "--static", "-"), "file"),
        (("review", URALMET, "-o", "-"), "folder"),
        (("export", "graphml", URALMET, "-o", "-"), "file"),
        (("export", "xlsx", URALMET, "-o", "-"), "file"),
        (("import", "xlsx", EXAMPLES / "uralmet.yaml", "-o", "-"), "file"),
        (("generate", "-o", "-"), "file or folder"),
    ],
)
def test_dash_is_refused_where_only_a_file_is_written(run, tmp_path, monkeypatch, args, what):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: Invalid value for ")
    assert last.endswith(f": '-' (stdout): this command writes a {what}; give its name")
    assert os.listdir(tmp_path) == []


def test_xlsx_to_dash_still_needs_a_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("gaps", URALMET, "--format", "xlsx", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --format xlsx writes a workbook: add -o FILE.xlsx"
    assert os.listdir(tmp_path) == []
