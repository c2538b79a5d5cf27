"""``influence validate`` on bytes and escapes no account file should hold: exit code 2 and exact output."""

from __future__ import annotations

import pytest

ACCOUNT = "format: influence/v1\naccount: {id: a, name: Иван}\npeople:\n  - {id: p, name: Пётр}\n"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no mark", "byte-order mark"])
def test_a_bad_byte_on_the_first_line_is_at_the_same_column_after_a_byte_order_mark(run, tmp_path, bom):
    path = tmp_path / "a.yaml"
    path.write_bytes(bom + b"# ab\xffcd\n" + ACCOUNT.encode())
    result = run("validate", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: line 1 is not UTF-8 text (byte 0xff at column 5), though the rest of the file is. "
        "Retype the text of that line, or paste it again from a UTF-8 source, and save the file as UTF-8\n"
    )


def test_a_lone_surrogate_escape_in_json_names_its_line_and_field(run, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        '{\n  "format": "influence/v1",\n  "account": {"id": "acme", "name": "Acme"},\n'
        '  "people": [\n    {"id": "p1", "name": "\\ud800"}\n  ]\n}\n',
        encoding="utf-8",
    )
    result = run("validate", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{path}:5: people[0].name: a \\uD800-\\uDFFF escape that is half of a character pair "
        "(a lone surrogate)\n"
        f"error: {path} is not a valid influence/v1 account (1 error)\n"
    )


def test_a_french_line_in_windows_1252_is_not_said_to_look_russian(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(ACCOUNT.encode() + 'notes: "Rendez-vous à Paris"\n'.encode("cp1252"))
    result = run("validate", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: line 5 is not UTF-8 text (byte 0xe0 at column 21), though the rest of the file is. "
        "Retype the text of that line, or paste it again from a UTF-8 source, and save the file as UTF-8\n"
    )
