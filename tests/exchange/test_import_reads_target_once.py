"""An import over an existing account file reads that file once on its way to writing or refusing.

It was read up to four times (the comments check, whether it holds an account, which account, the
team's own records): each a chance to see a different file, and a whole read of a large one.
"""

from __future__ import annotations

import os
import sys

import pytest
import yaml

import influence.cli.exchange
from tests.conftest import EXAMPLES
from tests.exchange.test_salesforce import EXPORT, STEEL, write_export

_OPENED: list[str] | None = None  # the files opened while a test records them


def _audit(event, args):
    if event == "open" and _OPENED is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def reads_of(monkeypatch):
    """``reads_of(path)``: how often ``path`` was opened since the last call, before the import began
    to write it (or refused)."""
    global _OPENED
    _OPENED = []
    real = influence.cli.exchange.atomic_write

    def writing(*args, **kwargs):
        _OPENED.append("<write>")
        return real(*args, **kwargs)

    def reads(path):
        seen = _OPENED[: _OPENED.index("<write>")] if "<write>" in _OPENED else list(_OPENED)
        _OPENED.clear()
        return seen.count(str(path))

    monkeypatch.setattr(influence.cli.exchange, "atomic_write", writing)
    yield reads
    _OPENED = None


def test_a_refused_refresh_reads_the_file_once(run, tmp_path, reads_of):
    export = write_export(tmp_path / "export", EXPORT)
    path = tmp_path / "stal.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", path).exit_code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["relationships"] = [
        {"team": data["team"][0]["id"], "person": data["people"][0]["id"], "strength": 0.3}
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reads_of(path)
    refused = run("import", "salesforce", export, "--account", STEEL, "-o", path)
    assert refused.exit_code == 2
    assert "holds 1 record this export does not carry" in refused.stderr
    assert reads_of(path) == 1


def test_a_workbook_imported_over_the_same_account_reads_it_once(run, tmp_path, reads_of):
    workbook, path = tmp_path / "u.xlsx", tmp_path / "u.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", workbook).exit_code == 0
    assert run("import", "xlsx", workbook, "-o", path).exit_code == 0
    reads_of(path)
    again = run("import", "xlsx", workbook, "-o", path)
    assert again.exit_code == 0, again.stderr
    assert reads_of(path) == 1


def test_another_accounts_file_is_still_refused_by_name(run, tmp_path):
    workbook, path = tmp_path / "u.xlsx", tmp_path / "other.yaml"
    assert run("export", "xlsx", EXAMPLES / "uralmet.yaml", "-o", workbook).exit_code == 0
    path.write_text("format: influence/v1\naccount: {id: other, name: Other}\n", encoding="utf-8")
    refused = run("import", "xlsx", workbook, "-o", path)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: -o {path} holds account 'other': it would be replaced; nothing written: "
        "write to another file, or give --force to replace it\n"
    )
