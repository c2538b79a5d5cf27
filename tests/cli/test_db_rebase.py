"""``db push FILE`` setting the file's ``base_version``: only the number changes.

Line ends (LF, CRLF, CR), a BOM, comments and layout stay, so a pulled file
kept in git (on Windows, with CRLF) shows a one-line change after a push.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influence.cli.db import _rebase, _rebased

YAML = "# pulled\nformat: influence/v1\nbase_version: 3\naccount:\n  id: acme   # the key\n  name: Акме\n"
JSON = '{\n  "format": "influence/v1",\n  "base_version": 3,\n  "account": {"id": "acme"}\n}\n'


def _styled(text: str, newline: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")


@given(newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans(), version=st.integers(1, 10**6))
def test_only_the_number_changes(newline, bom, version):
    for text, suffix in ((YAML, ".yaml"), (JSON, ".json")):
        before = _styled(text, newline, bom)
        after = _rebased(before, suffix, version)
        marker = "base_version: " if suffix == ".yaml" else '"base_version": '
        assert after == _styled(text.replace(marker + "3", marker + str(version)), newline, bom)


@given(newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_a_first_line_base_version_is_found(newline, bom):
    before = _styled("base_version: 7\nformat: influence/v1\n", newline, bom)
    assert _rebased(before, ".yml", 8) == _styled("base_version: 8\nformat: influence/v1\n", newline, bom)


def test_no_line_or_two_lines_leave_the_file_alone():
    assert _rebased(b"format: influence/v1\n", ".yaml", 2) is None
    assert (
        _rebased(b"base_version: 1\nx:\n  base_version: 1\n", ".yaml", 2) is not None
    )  # nested: not a line start
    assert _rebased(b"base_version: 1\nbase_version: 1\n", ".yaml", 2) is None
    assert _rebased(b"notes: base_version: 1\n", ".yaml", 2) is None
    assert _rebased(b'{"account": {"base_version": 1}}', ".json", 2) is None  # not on a line of its own


def test_rebase_writes_the_file_with_its_line_ends(tmp_path):
    crlf = tmp_path / "acme.json"
    crlf.write_bytes(_styled(JSON, "\r\n", bom=True))
    assert _rebase(str(crlf), 4, crlf.read_bytes())
    data = crlf.read_bytes()
    assert data == _styled(JSON.replace('"base_version": 3', '"base_version": 4'), "\r\n", bom=True)
    assert json.loads(data.decode("utf-8-sig"))["base_version"] == 4
    assert not _rebase(str(tmp_path / "missing.yaml"), 4, b"")


def test_a_file_saved_again_during_the_push_keeps_its_base(tmp_path):
    """The bytes pushed are not the file's any more: that edit is not in the store, so it is left as it is."""
    path = tmp_path / "acme.yaml"
    pushed = b"base_version: 3\nformat: influence/v1\n"
    edited = b"base_version: 3\nformat: influence/v1\n# edited while pushing\n"
    path.write_bytes(edited)
    assert not _rebase(str(path), 4, pushed)
    assert path.read_bytes() == edited


def test_a_push_of_a_file_whose_base_version_cannot_be_set_says_so(tmp_path):
    """A pulled file rewritten as one line of JSON was pushed, its base_version left at the old
    number without a word, and the next push of it refused as a conflict with itself."""
    from influence.cli.db import _pushed_line
    from influence.i18n import translator
    from influence.store.neo4j import PushResult

    path = tmp_path / "nc.json"
    pushed = json.dumps({"format": "influence/v1", "base_version": 1, "account": {"id": "nc"}}).encode()
    path.write_bytes(pushed)
    result = PushResult("nc", 2, True, 1)
    assert _pushed_line(str(path), result, translator("en"), pushed) == (
        f"{path}: pushed account 'nc' as version 2 (1 node or relationship); the base_version in {path} is "
        "not on a line of its own and was left as it was: set it to 2 (or pull the account) before pushing "
        "it again"
    )
    assert path.read_bytes() == pushed
    lines = tmp_path / "lines.json"
    lines.write_bytes(json.dumps(json.loads(pushed), indent=2).encode())
    assert _pushed_line(str(lines), result, translator("en"), lines.read_bytes()).endswith(
        f"; {lines} is now based on version 2"
    )


def test_an_edit_saved_between_the_check_and_the_rebase_is_not_overwritten(tmp_path, monkeypatch):
    """The rebase checks that the file still holds the bytes pushed, then writes: a save in between
    (an editor, a teammate) is refused, not lost."""
    import influence.atomic
    from influence.errors import SourceError

    path = tmp_path / "acme.yaml"
    pushed = b"base_version: 3\nformat: influence/v1\n"
    edited = b"base_version: 3\nformat: influence/v1\n# saved during the push\n"
    path.write_bytes(pushed)
    real = influence.atomic._replace_all

    def save_first(staged):
        path.write_bytes(edited)
        real(staged)

    monkeypatch.setattr(influence.atomic, "_replace_all", save_first)
    with pytest.raises(SourceError, match="changed while this command ran"):
        _rebase(str(path), 4, pushed)
    assert path.read_bytes() == edited


def test_a_hard_linked_file_is_not_split(tmp_path):
    """Replacing the file would leave its other name at the old base, pushed again later as stale."""
    import os

    from influence.errors import SourceError

    path = tmp_path / "acme.yaml"
    pushed = b"base_version: 3\nformat: influence/v1\n"
    path.write_bytes(pushed)
    os.link(path, tmp_path / "copy.yaml")
    with pytest.raises(SourceError) as refused:
        _rebase(str(path), 4, pushed)
    assert str(refused.value) == f"{path}: it has other names (hard links), which would keep the old content"
    assert path.read_bytes() == pushed and os.stat(path).st_nlink == 2
