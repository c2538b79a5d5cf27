"""A replacement of several files killed midway (``kill -9``, a power cut) is completed by the next
write into the folder: the folder then holds the new files, all of them, never a mix of old and new."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from influence.atomic import JOURNAL, AtomicFiles, recover
from tests.conftest import EXAMPLES, ROOT

NAMES = ("map.html", "gaps.md", "gaps.json", "plan.json")

#: runs ARGV[3:] (a Python statement) with the Nth os.replace (ARGV[1]) killing the process first
_KILLED_AT = r"""
import os, signal, sys
real, calls = os.replace, [0]
def replace(src, dst):
    calls[0] += 1
    if calls[0] == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
os.replace = replace
exec(sys.argv[2])
"""

_WRITE_FILES = f"""
from influence.atomic import AtomicFiles
with AtomicFiles() as files:
    for name in {NAMES!r}:
        files.write(os.path.join(sys.argv[3], name), "new " + name)
"""


def _killed(at: int, code: str, *args: str) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_AT, str(at), code, *args], cwd=ROOT, check=False)
    assert done.returncode == -9  # killed, no clean-up ran


def _contents(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize("at", [1, 2, 3, 4, 5])  # the journal's rename, then each file's
def test_a_replacement_killed_at_any_rename_is_completed_by_recover(tmp_path, at):
    with AtomicFiles() as files:
        for name in NAMES:
            files.write(tmp_path / name, "old " + name)
    _killed(at, _WRITE_FILES, str(tmp_path))
    assert os.path.exists(tmp_path / JOURNAL) == (at > 1)
    recover(tmp_path)
    state = {"old " if at == 1 else "new "}  # killed before the journal was in place: the old files, whole
    assert {text[:4] for text in _contents(tmp_path).values()} == state
    assert sorted(_contents(tmp_path)) == sorted(NAMES)
    if at > 1:  # nothing of the interrupted replacement left behind
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)


def test_the_next_write_into_the_folder_completes_it_first(tmp_path):
    for name in NAMES:
        (tmp_path / name).write_text("old " + name, encoding="utf-8")
    _killed(3, _WRITE_FILES, str(tmp_path))
    with AtomicFiles() as files:
        files.write(tmp_path / "notes.md", "a file of its own")
    assert _contents(tmp_path) == {**{name: "new " + name for name in NAMES}, "notes.md": "a file of its own"}


def test_a_file_saved_after_the_kill_is_not_overwritten(tmp_path):
    for name in NAMES:
        (tmp_path / name).write_text("old " + name, encoding="utf-8")
    _killed(2, _WRITE_FILES, str(tmp_path))  # the journal in place, no file replaced yet
    (tmp_path / "gaps.md").write_text("edited by hand meanwhile", encoding="utf-8")
    recover(tmp_path)
    assert _contents(tmp_path)["gaps.md"] == "edited by hand meanwhile"
    assert _contents(tmp_path)["plan.json"] == "new plan.json"


_REVIEW = """
from influence.cli import cli
cli.main(["review", sys.argv[3], "-o", sys.argv[4], "--as-of", "2026-06-01"])
"""


@pytest.mark.parametrize("at", [2, 3, 5])
def test_a_review_pack_killed_midway_is_whole_at_the_next_review(run, tmp_path, at):
    """Even a review then refused (a file of the user's own) leaves the interrupted pack whole."""
    folder = tmp_path / "pack"
    assert run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--as-of", "2026-01-01").exit_code == 0
    _killed(at, _REVIEW, str(EXAMPLES / "uralmet.yaml"), str(folder))
    (folder / "diff.md").write_text("# our own notes\n", encoding="utf-8")
    refused = run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--since", EXAMPLES / "uralmet.yaml")
    assert refused.exit_code == 2
    pack = _contents(folder)
    assert all("2026-06-01" in pack[name] and "2026-01-01" not in pack[name] for name in NAMES)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*NAMES, "diff.md"])


@pytest.mark.parametrize(
    "entry",
    [
        {"new": "../precious.yaml", "file": "gaps.md", "was": None},  # would be deleted
        {"new": "../precious.yaml", "file": "../moved.yaml", "was": None},  # would be moved
        {"new": ".gaps.md.x1y2.tmp", "file": "../precious.yaml", "was": None},  # another folder's file
    ],
)
def test_a_journal_naming_files_outside_the_pattern_is_not_acted_on(tmp_path, entry):
    """A planted journal made ``gaps -o evil/gaps.md`` delete ``../precious.yaml`` (exit 0): recovery
    trusted its paths. It only ever moves influence's own temporary files beside their targets now."""
    import json

    from influence.errors import SourceError

    folder = tmp_path / "evil"
    folder.mkdir()
    precious = tmp_path / "precious.yaml"
    precious.write_text("keep me", encoding="utf-8")
    (folder / ".gaps.md.x1y2.tmp").write_text("planted", encoding="utf-8")
    (folder / JOURNAL).write_text(json.dumps({"replace": [entry], "journals": [JOURNAL]}), encoding="utf-8")
    with pytest.raises(SourceError, match="cannot be completed: not a record influence wrote"):
        recover(folder)
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "moved.yaml").exists()
    assert (folder / JOURNAL).exists()  # for the user to look at; every write there says so


def test_a_journal_listing_another_file_as_a_journal_is_not_acted_on(tmp_path):
    import json

    from influence.errors import SourceError

    precious = tmp_path / "precious.yaml"
    precious.write_text("keep me", encoding="utf-8")
    (tmp_path / "evil").mkdir()
    record = {"replace": [], "journals": ["../precious.yaml"]}
    (tmp_path / "evil" / JOURNAL).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(SourceError):
        recover(tmp_path / "evil")
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_temporary_files_of_a_process_killed_while_staging_are_removed_by_the_next_write(tmp_path):
    """Killed before its journal, a run left its hidden temporary files for good: half a map, or an
    unredacted report beside a redacted pack that is then shared (a private name in a zip)."""
    with AtomicFiles() as files:
        for name in NAMES:
            files.write(tmp_path / name, "old " + name)
    _killed(1, _WRITE_FILES, str(tmp_path))  # the first rename is the journal's: staged, nothing replaced
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert len(left) >= len(NAMES)  # the killed run's temporary files (and its journal's)
    with AtomicFiles() as files:
        files.write(tmp_path / "gaps.md", "newer gaps.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)
    assert (tmp_path / "gaps.md").read_text(encoding="utf-8") == "newer gaps.md"


def test_a_live_process_s_temporary_files_are_left_alone(tmp_path):
    """Another writer still staging (here: this test's parent process, alive) keeps its files."""
    from influence.atomic import _HOST

    theirs = tmp_path / f".gaps.md.{_HOST}{os.getppid()}-abcdefgh.tmp"
    theirs.write_text("still being written", encoding="utf-8")
    other_machine = tmp_path / f".gaps.md.{'0000' if _HOST != '0000' else '1111'}1-abcdefgh.tmp"
    other_machine.write_text("a shared folder's other host", encoding="utf-8")
    with AtomicFiles() as files:
        files.write(tmp_path / "gaps.md", "mine")
    assert theirs.exists() and other_machine.exists()


def test_a_killed_unredacted_review_leaves_no_private_name_in_a_redacted_pack_folder(run, tmp_path):
    folder = tmp_path / "shared"
    assert (
        run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--redact", "--as-of", "2026-11-27").exit_code
        == 0
    )
    _killed(1, _REVIEW, str(EXAMPLES / "uralmet.yaml"), str(folder))
    assert any(p.name.startswith(".") for p in folder.iterdir())  # the unredacted run's staged files
    again = run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--redact", "--as-of", "2026-11-27")
    assert again.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)
    assert not any("Anna Petrova" in p.read_text(encoding="utf-8") for p in folder.iterdir())


@pytest.mark.parametrize("refusal", ["source", "since"])
def test_a_review_refused_for_its_source_still_completes_the_interrupted_pack(run, tmp_path, refusal):
    """Only a refusal about the folder itself completed it; one about SOURCE or --since left the
    pack half old, half new, although the README says even a refused review completes it."""
    folder = tmp_path / "pack"
    assert run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--as-of", "2026-01-01").exit_code == 0
    _killed(3, _REVIEW, str(EXAMPLES / "uralmet.yaml"), str(folder))
    bad = tmp_path / "missing.yaml"
    args = (
        (bad, "-o", folder)
        if refusal == "source"
        else (EXAMPLES / "uralmet.yaml", "-o", folder, "--since", bad)
    )
    assert run("review", *args).exit_code == 2
    pack = _contents(folder)
    assert all("2026-06-01" in pack[name] and "2026-01-01" not in pack[name] for name in NAMES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)


def test_a_portfolio_reads_a_folder_whose_replacement_was_killed_as_completed(run, tmp_path):
    """It summarised the half-old folder (and its -o into the folder then completed it): 6 of 10 rows
    no longer matched the files."""
    folder = tmp_path / "accounts"
    generate = "from influence.cli import cli\ncli.main(sys.argv[3:])"
    assert run("generate", "--accounts", "4", "--people", "30", "--seed", "1", "-o", folder).exit_code == 0
    _killed(
        3,
        generate,
        "generate",
        "--accounts",
        "4",
        "--people",
        "30",
        "--seed",
        "2",
        "-o",
        str(folder),
        "--force",
    )
    assert (folder / JOURNAL).exists()  # two of four files replaced
    summary = run("portfolio", folder, "--format", "json", "--as-of", "2026-11-27")
    assert (
        run(
            "generate", "--accounts", "4", "--people", "30", "--seed", "2", "-o", tmp_path / "fresh"
        ).exit_code
        == 0
    )
    fresh = run("portfolio", tmp_path / "fresh", "--format", "json", "--as-of", "2026-11-27")
    import json

    def rows(text):
        return [{k: v for k, v in r.items() if k != "source"} for r in json.loads(text)]

    assert rows(summary.stdout) == rows(fresh.stdout)


def test_the_half_folder_of_a_killed_generate_is_removed_by_the_next_one(run, tmp_path):
    """A generate --accounts into a new folder, killed outright, left its hidden half folder beside
    the name for good (each kill added one)."""
    generate = "from influence.cli import cli\ncli.main(sys.argv[3:])"
    target = tmp_path / "accounts"
    _killed(1, generate, "generate", "--accounts", "4", "--people", "30", "-o", str(target))
    assert [p.name.startswith(".accounts.") for p in tmp_path.iterdir()] == [True]
    assert run("generate", "--accounts", "4", "--people", "30", "-o", target).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["accounts"]
