"""Store messages stay one line per line whatever stored or typed text they quote, and
``db pull ACCOUNT@N`` writes an earlier version -- against a real Neo4j 5 server."""

from __future__ import annotations

import pytest
import yaml

from tests.analysis.helpers import make
from tests.conftest import EXAMPLES
from tests.store.helpers import account_doc, write_doc

A = "e1"
FORGED = "fix\nerror: fake line"


def _doc(*people: str, base: int | None = None) -> dict:
    return account_doc(A, "E", *people, base=base)


_file = write_doc


def test_a_stored_message_or_author_cannot_forge_a_line_of_the_conflict(
    neo4j_store, neo4j_env, run, tmp_path
):
    neo4j_store.push(make(_doc("ann")))
    mine = _file(tmp_path / "e1.yaml", _doc("ann", "bea", base=1))
    theirs = _file(tmp_path / "e2.yaml", _doc("ann", "cy", base=1))
    ok = run("db", "push", mine, "-m", FORGED, "--author", "bob\x1b[2J\nerror: x", env=neo4j_env)
    assert ok.exit_code == 0, ok.stderr
    stale = run("db", "push", theirs, env=neo4j_env)
    assert stale.exit_code == 2
    lines = stale.stderr.splitlines()
    assert len(lines) == 3 and not any(
        line.startswith("error: fake") or line.startswith("error: x") for line in lines
    )
    assert lines[1].startswith("  pushed since: version 2 by bob\\x1b[2J\\nerror: x at ")
    assert lines[1].endswith(' UTC ("fix\\nerror: fake line")')


@pytest.mark.parametrize(
    "command",
    [
        ("gaps", "neo4j:ri\nch"),
        ("gaps", "neo4j:ri\nch@1"),
        ("gaps", "neo4j:ri@1\nerror: x"),
        ("db", "pull", "ri\nch"),
        ("db", "pull", "ri\nch@2"),
        ("db", "history", "ri\nch"),
        ("db", "delete", "ri\nch", "--yes"),
        ("db", "pull", A, "-o", "out\nerror: x.txt"),
    ],
    ids=[
        "gaps",
        "gaps-version",
        "gaps-bad-version",
        "pull",
        "pull-version",
        "history",
        "delete",
        "pull-output",
    ],
)
def test_typed_text_with_a_line_break_stays_on_the_error_line(neo4j_store, neo4j_env, run, command):
    neo4j_store.push(make(_doc("ann")))
    result = run(*command, env=neo4j_env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert "\\n" in result.stderr


def test_pull_of_an_earlier_version_writes_it_based_on_that_version(neo4j_store, neo4j_env, run, tmp_path):
    v1, v2 = EXAMPLES / "uralmet.yaml", EXAMPLES / "uralmet-2027q1.yaml"
    assert run("db", "push", v1, env=neo4j_env).exit_code == 0
    assert run("db", "push", v2, "--force", env=neo4j_env).exit_code == 0
    old = tmp_path / "old.yaml"
    result = run("db", "pull", "uralmet@1", "-o", old, env=neo4j_env)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(old.read_text(encoding="utf-8"))
    assert doc["base_version"] == 1
    assert run("gaps", old, "--as-of", "2026-11-27").stdout == run("gaps", v1, "--as-of", "2026-11-27").stdout
    stale = run("db", "push", old, env=neo4j_env)  # version 1 is not current: refused until merged
    assert stale.exit_code == 2
    assert stale.stderr.startswith(
        "error: account 'uralmet' changed since version 1, which your file is based on."
    )
    again = run("db", "pull", "uralmet@1", "-o", old, env=neo4j_env)  # the file holds version 1: nothing lost
    assert again.exit_code == 0, again.stderr
    restored = run("db", "push", old, "--force", env=neo4j_env)  # making version 1 current again
    assert restored.exit_code == 0 and "as version 3 " in restored.stdout
    assert neo4j_store.pull("uralmet") == neo4j_store.pull("uralmet", 1)
    missing = run("db", "pull", "uralmet@9", env=neo4j_env)
    assert missing.stderr == "error: account 'uralmet' has no version 9 (versions 1 to 3)\n"


def test_an_account_id_with_a_version_says_how_to_read_that_version(neo4j_store, neo4j_env, run):
    neo4j_store.push(make(_doc("ann")))
    result = run("db", "history", f"{A}@1", env=neo4j_env)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: no account '{A}@1' in Neo4j at {neo4j_env['NEO4J_URI']} (an account id has no '@': "
        f"version 1 of '{A}' is neo4j:{A}@1 for any command, and influence db pull {A}@1 -o FILE "
        "writes it to a file)\n"
    )
