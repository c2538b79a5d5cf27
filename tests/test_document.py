"""``read_bounded``: the one bounded read of every input file."""

from __future__ import annotations

import pytest

from influence.document import MAX_FILE_BYTES, read_bounded, readable
from influence.errors import SourceError


def test_reads_the_bytes_as_they_are(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"\xef\xbb\xbfa: 1\r\n")
    assert read_bounded(f, "shown.yaml", "an account file") == b"\xef\xbb\xbfa: 1\r\n"


def test_a_file_at_the_limit_is_read(tmp_path):
    f = tmp_path / "a.yaml"
    with f.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES)
    assert len(read_bounded(f, "a.yaml", "an account file")) == MAX_FILE_BYTES


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "shown: no such file"),
        (lambda p: p.mkdir(), "shown: is a directory, not a workbook"),
        (lambda p: p.open("wb").truncate(MAX_FILE_BYTES + 1), "shown: file is 50.0 MB; the limit is 50 MB"),
    ],
    ids=["missing", "directory", "one byte too many"],
)
def test_what_is_refused_names_the_file(tmp_path, make, message):
    target = tmp_path / "x"
    make(target)
    with pytest.raises(SourceError) as caught:
        read_bounded(target, "shown", "a workbook")
    assert str(caught.value) == message


def test_readable_refuses_one_byte_over_the_limit():
    assert readable("ж" * (MAX_FILE_BYTES // 2), "a.yaml") is not None  # two bytes a letter: at the limit
    with pytest.raises(SourceError) as caught:
        readable("ж" * (MAX_FILE_BYTES // 2) + "a", "a.yaml", "generate fewer people")
    assert str(caught.value) == (
        "a.yaml: the account would be 50.0 MB, over the 50 MB every command reads; generate fewer people"
    )


def test_a_loop_of_links_is_named_as_one(tmp_path):
    (tmp_path / "l1.yaml").symlink_to("l2.yaml")
    (tmp_path / "l2.yaml").symlink_to("l1.yaml")
    (tmp_path / "dangling.yaml").symlink_to("gone.yaml")
    with pytest.raises(SourceError) as caught:
        read_bounded(tmp_path / "l1.yaml", "l1.yaml", "an account file")
    assert str(caught.value) == "l1.yaml: a loop of links that leads back to itself, to no file"
    with pytest.raises(SourceError) as caught:
        read_bounded(tmp_path / "dangling.yaml", "dangling.yaml", "an account file")
    assert str(caught.value) == "dangling.yaml: a link to gone.yaml, which does not exist"


def test_a_line_break_in_a_missing_name_is_escaped(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_bounded(tmp_path / "a\nb.yaml", "a\nb.yaml", "an account file")
    assert str(caught.value) == "a\\nb.yaml: no such file"
