"""``review -o DIR`` replaces only files an earlier pack left there; the user's own are refused unless --force."""

from __future__ import annotations

import pytest

import influence.atomic
from influence.errors import Msg, SourceError
from tests.conftest import EXAMPLES

URALMET = EXAMPLES / "uralmet.yaml"


def _review(run, folder, *extra):
    return run("review", URALMET, "-o", folder, "--as-of", "2026-01-01", *extra)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gaps.md", "# my meeting notes, handwritten\n"),
        ("gaps.json", '{"mine": 1}\n'),
        ("plan.json", '{"account": "uralmet", "notes": "ours"}\n'),
        ("map.html", "<html><body>our own map</body></html>\n"),
    ],
)
def test_a_file_of_the_users_own_is_refused_unless_forced(run, tmp_path, name, content):
    folder = tmp_path / "rv"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    refused = _review(run, folder)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"error: {folder / name}: not a file of an earlier review pack; nothing written: write the pack to "
        "another folder, or give --force to replace it\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert (folder / name).read_text(encoding="utf-8") == content
    forced = _review(run, folder, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (folder / name).read_text(encoding="utf-8") != content


def test_every_file_of_the_users_own_is_named_at_once(run, tmp_path):
    """With two such files the refusal named only the first: moving it away met a second refusal."""
    folder = tmp_path / "rv"
    folder.mkdir()
    (folder / "gaps.md").write_text("# my notes\n", encoding="utf-8")
    (folder / "plan.json").write_text('{"mine": 1}\n', encoding="utf-8")
    refused = _review(run, folder)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"error: {folder / 'gaps.md'}, {folder / 'plan.json'}: not files of an earlier review pack; nothing "
        "written: write the pack to another folder, or give --force to replace them\n"
    )


@pytest.mark.parametrize("source", ["uralmet.yaml", "uralmet-ru.yaml"])
def test_an_earlier_pack_is_replaced(run, tmp_path, source):
    folder = tmp_path / "pack"
    assert run("review", EXAMPLES / source, "-o", folder, "--as-of", "2026-01-01").exit_code == 0
    again = run("review", URALMET, "-o", folder, "--as-of", "2026-06-01", "--since", URALMET)
    assert again.exit_code == 0, again.stderr
    assert "2026-06-01" in (folder / "gaps.json").read_text(encoding="utf-8")
    assert _review(run, folder, "--since", URALMET).exit_code == 0  # diff.md of the earlier pack replaced too


def test_an_earlier_diff_is_removed_only_once_the_new_pack_is_written(run, tmp_path, monkeypatch):
    folder = tmp_path / "pack"
    assert _review(run, folder, "--since", URALMET).exit_code == 0
    diff = (folder / "diff.md").read_bytes()

    def disk_full(staged):
        for item in staged:
            influence.atomic._remove_temporary([item])
        raise SourceError(
            Msg("{file}: cannot write: {reason}", file="map.html", reason="No space left on device")
        )

    monkeypatch.setattr(influence.atomic, "_replace_all", disk_full)
    assert _review(run, folder).exit_code == 2
    assert (folder / "diff.md").read_bytes() == diff  # the earlier pack keeps its diff
    monkeypatch.undo()
    done = _review(run, folder)
    assert done.stdout.endswith(
        f"removed {folder / 'diff.md'}: an earlier pack's diff (this one has no --since)\n"
    )
    assert not (folder / "diff.md").exists()


def test_a_read_only_file_of_an_earlier_pack_needs_force(run, tmp_path):
    folder = tmp_path / "pack"
    assert _review(run, folder).exit_code == 0
    (folder / "gaps.md").chmod(0o444)
    refused = _review(run, folder)
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"error: {folder / 'gaps.md'}: the file is read-only for you (see its permissions); "
        "give --force to replace it\n",
    )
    assert _review(run, folder, "--force").exit_code == 0
