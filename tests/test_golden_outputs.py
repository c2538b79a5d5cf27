"""Every report stays byte-identical: outputs recorded before the speed work.

Each case runs one CLI command on a bundled example or a generated account
(``influence generate``, fixed seeds) and compares stdout with the file
recorded in ``tests/golden/`` (small outputs in full, large ones as a
SHA-256 digest, so a failure names the command and shows the first lines
that differ where the whole text is kept).

An intended change to an output regenerates the records:
``INFLUENCE_REGEN_GOLDEN=1 pytest tests/test_golden_outputs.py`` — then read
the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("INFLUENCE_REGEN_GOLDEN") == "1"
FULL_LIMIT = 13_000  # characters kept in full; larger outputs as a digest
AS_OF = ("--as-of", "2026-11-27")

# name -> arguments of `influence generate`
GENERATED = {
    "gen300s1": ("--people", "300", "--seed", "1"),
    "gen300s2": ("--people", "300", "--seed", "2"),
    "gen300s3ru": ("--people", "300", "--seed", "3", "--lang", "ru"),
    "gen2000s1": ("--people", "2000", "--seed", "1"),
}
LARGE_ACCOUNT = {"gen20000s1": ("--people", "20000", "--seed", "1")}
EXAMPLE_FILES = {
    "uralmet": "uralmet.yaml",
    "uralmetru": "uralmet-ru.yaml",
    "uralmet27": "uralmet-2027q1.yaml",
    "new": "new-account.yaml",
}

# case name -> arguments; "{acct}" is replaced by the account file
COMMANDS = {
    "gaps-table": ("gaps", "{acct}", *AS_OF),
    "gaps-table-ru": ("gaps", "{acct}", *AS_OF, "--lang", "ru"),
    "gaps-json": ("gaps", "{acct}", *AS_OF, "--format", "json"),
    "gaps-md": ("gaps", "{acct}", *AS_OF, "--format", "markdown"),
    "gaps-csv": ("gaps", "{acct}", *AS_OF, "--format", "csv"),
    "plan-table": ("plan", "{acct}", *AS_OF),
    "plan-json": ("plan", "{acct}", *AS_OF, "--format", "json"),
    "plan-md-ru": ("plan", "{acct}", *AS_OF, "--format", "markdown", "--lang", "ru"),
    "coverage-table": ("coverage", "{acct}"),
    "coverage-json": ("coverage", "{acct}", "--format", "json"),
    "sponsors-json": ("sponsors", "{acct}", "--format", "json"),
    "sponsors-table-ru": ("sponsors", "{acct}", "--lang", "ru"),
    "paths-json": ("paths", "{acct}", "--format", "json"),
    "paths-table": ("paths", "{acct}"),
    "validate": ("validate", "{acct}"),
}

# the 20,000-person account the speed work is measured on: its main outputs only
LARGE = ("gaps-json", "gaps-table-ru", "plan-json", "coverage-json", "sponsors-json", "paths-json")

CASES = [(acct, cmd) for acct in [*EXAMPLE_FILES, *GENERATED] for cmd in COMMANDS]
CASES += [("gen20000s1", cmd) for cmd in LARGE]


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    """The account files by name: the examples, and the generated ones written once."""
    from click.testing import CliRunner

    from influence.cli import cli

    folder = tmp_path_factory.mktemp("golden")
    paths = {name: EXAMPLES / file for name, file in EXAMPLE_FILES.items()}
    for name, args in {**GENERATED, **LARGE_ACCOUNT}.items():
        path = folder / f"{name}.yaml"
        result = CliRunner().invoke(cli, ["generate", *args, "-o", str(path)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        paths[name] = path
    return paths


def _normalise(text: str, path: Path) -> str:
    """Outputs that name the file (validate) name it by its file name only."""
    return text.replace(str(path), path.name)


def _check(name: str, text: str) -> None:
    full, digest = GOLDEN / f"{name}.txt", GOLDEN / f"{name}.sha256"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        full.unlink(missing_ok=True)
        digest.unlink(missing_ok=True)
        if len(text) <= FULL_LIMIT:
            with full.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            digest.write_text(sha + "\n", encoding="utf-8")
        return
    if full.exists():
        with full.open(encoding="utf-8", newline="") as handle:
            expected = handle.read()
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), text.splitlines(), "recorded", "now", lineterm=""
            )
            pytest.fail(f"{name} differs from the record:\n" + "\n".join(list(diff)[:40]))
    else:
        assert digest.exists(), f"no record for {name}: run with INFLUENCE_REGEN_GOLDEN=1"
        assert sha == digest.read_text(encoding="utf-8").strip(), f"{name} differs from the recorded digest"


@pytest.mark.parametrize(("acct", "cmd"), CASES, ids=[f"{a}-{c}" for a, c in CASES])
def test_output_is_unchanged(run, accounts, acct, cmd):
    path = accounts[acct]
    args = [str(path) if a == "{acct}" else a for a in COMMANDS[cmd]]
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    _check(f"{acct}--{cmd}", _normalise(result.stdout, path))


def test_every_record_has_a_case():
    """A record left over from a removed case would hide a missing one."""
    names = {f"{a}--{c}" for a, c in CASES}
    recorded = {re.sub(r"\.(txt|sha256)$", "", p.name) for p in GOLDEN.iterdir()}
    assert recorded == names
