"""What `db` and `neo4j:` sources can tell without a server is said first, not after a failed connection."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, _free_port


@pytest.fixture
def nowhere() -> list[str]:
    """The group options pointing at a port nothing listens on."""
    return ["--uri", f"bolt://127.0.0.1:{_free_port()}"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["db", "pull", "BAD ID"],
            "BAD ID: 'BAD ID' is not an account id (lower-case Latin letters, digits, '_', '.', '-')",
        ),
        (
            ["db", "pull", "UralMet"],
            "UralMet: 'UralMet' is not an account id (lower-case Latin letters, digits, '_', '.', '-'); did you mean 'uralmet'?",
        ),
        # db takes ACCOUNT: the messages spoke of a 'neo4j:' the user never typed
        (["db", "pull", ""], "'': no account id (expected ACCOUNT or ACCOUNT@VERSION)"),
        (["db", "pull", "@3"], "@3: no account id (expected ACCOUNT or ACCOUNT@VERSION)"),
        (
            ["db", "pull", "uralmet@x"],
            "uralmet@x: the version after '@' must be a whole number from 1, got 'x' "
            "(e.g. uralmet@1; influence db history uralmet lists them)",
        ),
        (
            ["gaps", "neo4j:"],
            "neo4j:: no account id after 'neo4j:' (expected neo4j:ACCOUNT or neo4j:ACCOUNT@VERSION)",
        ),
        # a whole number from 1, too large: it was told to be "a whole number from 1"
        (
            ["gaps", "neo4j:uralmet@99999999999999999999"],
            "neo4j:uralmet@99999999999999999999: the version after '@' is too large: no account has that "
            "many versions (influence db history uralmet lists them)",
        ),
        (
            ["db", "pull", "uralmet@1000000000000000000"],
            "uralmet@1000000000000000000: the version after '@' is too large: no account has that "
            "many versions (influence db history uralmet lists them)",
        ),
        (
            ["db", "pull", "uralmet", "-o", "{tmp}/nofolder/x.yaml"],
            "{tmp}/nofolder/x.yaml: folder '{tmp}/nofolder' does not exist; create it first "
            "(mkdir -p {tmp}/nofolder)",
        ),
        (
            ["gaps", "neo4j:UralMet"],
            "neo4j:UralMet: 'UralMet' is not an account id (lower-case Latin letters, digits, '_', '.', '-'); did you mean 'uralmet'?",
        ),
    ],
)
def test_a_local_problem_is_said_before_connecting(run, nowhere, tmp_path, args, message):
    result = run(*nowhere, *[a.format(tmp=tmp_path) for a in args])
    assert (result.exit_code, result.stderr) == (2, f"error: {message.format(tmp=tmp_path)}\n")


def test_two_files_of_one_account_are_refused_before_connecting(run, nowhere, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (a, b):
        path.write_text((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run(*nowhere, "db", "push", a, b)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: several files hold the same account; nothing was pushed: account 'uralmet' is in {a}, {b}"
        " (push one file per account)\n",
    )


@pytest.mark.parametrize("command", [["db", "delete", "BAD ID", "--yes"], ["db", "history", "BAD ID"]])
def test_delete_and_history_say_a_bad_id_before_connecting(run, nowhere, command):
    result = run(*nowhere, *command)
    assert (result.exit_code, result.stderr) == (
        2,
        "error: BAD ID: 'BAD ID' is not an account id (lower-case Latin letters, digits, '_', '.', '-')\n",
    )


def test_an_empty_uri_is_refused_not_taken_for_the_default(run):
    """`--uri ""` silently meant bolt://localhost:7687."""
    result = run("--uri", "", "db", "list")
    assert result.exit_code == 2
    assert "'--uri': empty; give a URI such as bolt://localhost:7687" in result.stderr
