"""``influence validate``: exit codes and exact output."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES


def test_valid_file_prints_one_line_summary(run):
    result = run("validate", EXAMPLES / "uralmet.yaml")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{EXAMPLES / 'uralmet.yaml'}: valid — 16 people, 15 in the buying team, 4 decision makers, 10 links\n"
    )
    assert result.stderr == ""


def test_new_account_is_valid(run):
    result = run("validate", EXAMPLES / "new-account.yaml")
    assert result.exit_code == 0
    assert "valid — 0 people, 0 in the buying team, 0 decision makers, 0 links" in result.stdout


def test_invalid_file_lists_every_error(run, write):
    path = write(
        "format: influence/v1\naccount: {id: acme, name: Acme}\n"
        "people:\n  - {id: a, stance: happy}\n  - {id: b, unit: nowhere}\n"
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:4: people[0].stance: invalid stance 'happy'; "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion\n"
        f"{path}:5: people[1].unit: unknown unit 'nowhere'\n"
        f"error: {path} is not a valid influence/v1 account (2 errors)\n"
    )


def test_a_json_file_lists_its_errors_in_file_order(run, write):
    """A JSON file (no lines) listed its errors section by section as they were checked (people
    first): the reverse of this file, and `gaps` shows only the first 20."""
    path = write(
        '{"format": "influence/v1", "account": {"id": "acme", "name": "Acme"},\n'
        ' "competitors": [{"id": "c", "relationships": [{"person": "zz1"}]}],\n'
        ' "links": [{"from": "zz3", "to": "p", "type": "friend"}],\n'
        ' "people": [{"id": "p", "stance": "bad"}, {"id": "q", "unit": "nowhere"}]}\n',
        "acct.json",
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: competitors[0].relationships[0].person: unknown person 'zz1'\n"
        f"{path}: links[0].from: unknown person 'zz3'\n"
        f"{path}: people[0].stance: invalid stance 'bad'; "
        "allowed: -2..2, opponent, skeptic, neutral, supporter, champion\n"
        f"{path}: people[1].unit: unknown unit 'nowhere'\n"
        f"error: {path} is not a valid influence/v1 account (4 errors)\n"
    )


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_an_x_value_json_cannot_hold_is_refused_where_it_is(run, write, kind):
    """`x-nan: .nan` validated, then `plan --apply -o x.json` failed at a line of a file never
    written, and a workbook round trip turned it into null: every x- value travels as JSON."""
    text = (
        "format: influence/v1\naccount: {id: acme, name: Acme, x-a: .inf}\nx-list: [1, {b: .NaN}]\n"
        if kind == "yaml"
        else '{"format": "influence/v1", "account": {"id": "acme", "name": "Acme", "x-a": 1e400},\n "x-list": [1, {"b": -1e999}]}\n'
    )
    path = write(text, f"acct.{kind}")
    result = run("validate", path)
    assert result.exit_code == 2
    where = (f"{path}:2", f"{path}:3") if kind == "yaml" else (str(path), str(path))
    nan = "nan" if kind == "yaml" else "-inf"
    assert result.stderr == (
        f"{where[0]}: account.x-a: number inf: an x- value travels as JSON, which has no NaN or "
        "infinity; write it as text in quotes\n"
        f"{where[1]}: x-list[1].b: number {nan}: an x- value travels as JSON, which has no NaN or "
        "infinity; write it as text in quotes\n"
        f"error: {path} is not a valid influence/v1 account (2 errors)\n"
    )


def test_missing_file(run, tmp_path):
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope.yaml'}: no such file\n"
    assert "Traceback" not in result.output


def test_directory(run, tmp_path):
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a directory, not an account file\n"


def test_empty_and_binary(run, tmp_path):
    empty = tmp_path / "e.yaml"
    empty.write_bytes(b"")
    binary = tmp_path / "b.json"
    binary.write_bytes(bytes(range(256)))
    assert run("validate", empty).stderr == f"error: {empty}: file is empty\n"
    result = run("validate", binary)
    assert (result.exit_code, result.stderr) == (2, f"error: {binary}: binary data, not a UTF-8 text file\n")


def test_yaml_bomb(run, write):
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write("\n".join(rows) + "\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{path}:2: (document): aliases (the first on this line) copy values to more than 26,214,400"
    )


def test_file_over_50_mb(run, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (2, f"error: {path}: file is 60.0 MB; the limit is 50 MB\n")


def test_no_arguments_is_usage_error(run):
    result = run("validate")
    assert result.exit_code == 2
    assert "Missing argument 'SOURCE'" in result.stderr


def _sixty_bad_people(write):
    rows = "".join(f"  - {{id: p{i}, titel: X}}\n" for i in range(60))
    return write("format: influence/v1\naccount: {id: a, name: A}\npeople:\n" + rows)


def test_validate_lists_every_issue(run, write):
    path = _sixty_bad_people(write)
    result = run("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 61 and lines[-1] == f"error: {path} is not a valid influence/v1 account (60 errors)"


@pytest.mark.parametrize("command", ["gaps", "plan", "sponsors"])
def test_other_commands_show_one_screen_and_point_at_validate(run, write, command):
    path = _sixty_bad_people(write)
    result = run(command, path)
    assert (result.exit_code, result.stdout) == (2, "")
    expected = [
        f"{path}:{4 + i}: people[{i}].titel: unknown key 'titel' (did you mean 'title'?)" for i in range(20)
    ]
    expected += [
        f"… and 40 more (influence validate {path} lists every one)",
        f"error: {path} is not a valid influence/v1 account (60 errors)",
    ]
    assert result.stderr.splitlines() == expected


def test_error_message_examples():
    import doctest

    import influence.cli.app

    result = doctest.testmod(influence.cli.app, verbose=False)
    assert result.attempted >= 4 and result.failed == 0


def test_the_pointer_at_validate_can_be_pasted(run, tmp_path):
    path = tmp_path / "my account.yaml"
    rows = "".join(f"  - {{id: p{i}, titel: X}}\n" for i in range(21))
    path.write_text("format: influence/v1\naccount: {id: a, name: A}\npeople:\n" + rows, encoding="utf-8")
    result = run("gaps", path)
    assert result.stderr.splitlines()[-2] == f"… and 1 more (influence validate '{path}' lists every one)"
