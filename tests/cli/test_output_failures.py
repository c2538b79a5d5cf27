"""Outputs that cannot be written: all or nothing, one clear line, exit code 2, no traceback.

Files are made unwritable with ``chattr +i`` where the machine allows it (root
on a filesystem with inode flags); the other cases need no privilege.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from influence.atomic import short_path
from tests.conftest import EXAMPLES, influence_process

URALMET = EXAMPLES / "uralmet.yaml"
AS_OF = ("--as-of", "2026-11-27")
LONG = "a" * 300  # over the 255 bytes a file name may have
IMMUTABLE = "immutable or append-only (see lsattr)"


@pytest.fixture
def immutable():
    """``immutable(path)`` makes a file or folder immutable (``chattr +i``) until the test ends."""
    made: list[Path] = []

    def _immutable(path: Path) -> Path:
        done = (
            subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            if shutil.which("chattr")
            else None
        )
        if done is None or done.returncode != 0:
            pytest.skip("chattr +i needs root and a filesystem with inode flags")
        made.append(path)
        return path

    yield _immutable
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``, with its bytes (a temporary file left behind would show)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- several files: all or nothing -------------------------------------------------------------


def test_review_over_an_older_pack_replaces_no_file_when_one_is_immutable(run, tmp_path, immutable):
    pack = tmp_path / "pk"
    assert run("review", URALMET, "-o", pack, "--as-of", "2026-11-20").exit_code == 0
    before = _listing(pack)
    immutable(pack / "gaps.json")
    result = run("review", URALMET, "-o", pack, *AS_OF)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {pack / 'gaps.json'}: cannot write: the file is {IMMUTABLE}\n"
    assert _listing(pack) == before  # map.html and gaps.md too are the older pack's


def test_map_writes_no_page_when_the_image_cannot_be_written(run, tmp_path, immutable):
    folder = immutable(_made(tmp_path / "ro"))
    page = tmp_path / "okmap.html"
    result = run("map", URALMET, *AS_OF, "-o", page, "--static", folder / "m.svg")
    assert (result.exit_code, result.stdout) == (2, "")  # no "wrote okmap.html" first
    assert result.stderr == f"error: {folder / 'm.svg'}: cannot write: its folder is {IMMUTABLE}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro"]


def test_a_file_that_cannot_be_replaced_stops_the_pack_before_any_replacement(run, tmp_path, monkeypatch):
    """The same check without chattr: the last file is reported immutable, nothing is replaced."""
    import influence.atomic

    pack = tmp_path / "pk"
    assert run("review", URALMET, "-o", pack, "--as-of", "2026-11-20").exit_code == 0
    before = _listing(pack)
    real = influence.atomic._flags
    monkeypatch.setattr(
        influence.atomic, "_flags", lambda path: 0x10 if path.name == "gaps.json" else real(path)
    )
    result = run("review", URALMET, "-o", pack, *AS_OF)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {pack / 'gaps.json'}: cannot write: the file is {IMMUTABLE}\n"
    assert _listing(pack) == before


def test_a_replacement_failing_midway_puts_the_earlier_files_back(run, tmp_path, monkeypatch):
    """Should the disk refuse the last rename all the same, the pack is restored as it was."""
    pack = tmp_path / "pk"
    assert run("review", URALMET, "-o", pack, "--as-of", "2026-11-20").exit_code == 0
    before = _listing(pack)
    replace = os.replace

    def refused(src, dst, **kwargs):
        if Path(dst).name == "gaps.json":
            raise OSError(5, "Input/output error")
        replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", refused)
    result = run("review", URALMET, "-o", pack, *AS_OF)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {pack / 'gaps.json'}: cannot write: Input/output error\n"
    assert _listing(pack) == before  # map.html and gaps.md put back; no temporary file, no kept link


def test_review_into_a_new_folder_that_fails_leaves_no_folder(run, tmp_path, monkeypatch):
    import influence.atomic

    monkeypatch.setattr(influence.atomic, "_flags", lambda path: 0x20 if path.name == "gaps.md" else 0)
    result = run("review", URALMET, "-o", tmp_path / "new" / "pk", *AS_OF)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {tmp_path / 'new' / 'pk' / 'gaps.md'}: cannot write: the file is {IMMUTABLE}\n"
    )
    assert list(tmp_path.iterdir()) == []


# --- map: what -o and --static may be called ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "victim.yaml"), "map -o writes an HTML page, but victim.yaml names a .yaml file: use .html"),
        (("-o", "x.png"), "map -o writes an HTML page, but x.png names a .png file: use .html"),
        (("-o", "m.svg"), "map -o writes an HTML page, but m.svg names a .svg file: use .html"),
        (("-o", "mymap"), "map -o writes an HTML page, but mymap has no suffix: use .html"),
        (
            ("-o", ".html"),
            "map -o .html: the file needs a name before its suffix, such as map.html",
        ),  # "has no
        (("-o", ""), "map -o: the file name is empty; name the page, such as map.html"),  # suffix: use .html"
        (
            ("-o", "same.svg", "--static", "same.svg"),
            "map -o writes an HTML page, but same.svg names a .svg file: use .html",
        ),
        (("-o", "m.html", "--static", "m.html"), "--static m.html: the image must end in .png or .svg"),
        (("-o", "m.html", "--static", "m.pdf"), "--static m.pdf: the image must end in .png or .svg"),
        (("-o", "newdir2/"), "-o newdir2/: names a folder, not a file to write"),
        (("--static", "pics/"), "--static pics/: names a folder, not a file to write"),
    ],
)
def test_map_refuses_names_that_are_not_a_page_or_an_image(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "victim.yaml").write_bytes(URALMET.read_bytes())  # another account in the folder
    result = run("map", URALMET, *AS_OF, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert _listing(tmp_path) == {"victim.yaml": URALMET.read_bytes()}


def test_map_takes_htm_in_any_case(run, tmp_path):
    result = run("map", URALMET, *AS_OF, "-o", tmp_path / "Map.HTM")
    assert result.exit_code == 0
    assert (tmp_path / "Map.HTM").read_bytes().startswith(b"<!DOCTYPE html>")


def test_map_refuses_an_image_that_is_the_page_through_a_link(run, tmp_path):
    page = tmp_path / "m.html"
    page.write_text("the previous map", encoding="utf-8")
    (tmp_path / "m.svg").symlink_to(page)
    result = run("map", URALMET, *AS_OF, "-o", page, "--static", tmp_path / "m.svg")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {tmp_path / 'm.svg'}: is the same file as {page}: write the two to different files\n"
    )
    assert page.read_text(encoding="utf-8") == "the previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.html", "m.svg"]


# --- standard output --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "gaps"])
def test_a_closed_stdout_is_a_clear_error(command):
    result = influence_process(command, str(URALMET), close=1)
    assert (result.returncode, result.stderr) == (2, "error: cannot write to standard output: it is closed\n")


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", str(URALMET), *AS_OF),
        ("gaps", str(URALMET), *AS_OF, "--format", "json"),
        ("validate", str(URALMET)),  # one short line: it fails at the exit's flush
        ("sponsors", str(URALMET), "--format", "csv"),
        ("gaps", str(URALMET), *AS_OF, "--fail-on", "high"),  # 2, not 1: no findings were read
    ],
)
def test_a_full_stdout_is_a_clear_error(args):
    if not os.path.exists("/dev/full"):  # pragma: no cover
        pytest.skip("no /dev/full here")
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        result = influence_process(*args, stdout=fd)
    finally:
        os.close(fd)
    assert (result.returncode, result.stderr) == (
        2,
        "error: cannot write to standard output: No space left on device\n",
    )


# --- a name ending in / names a folder -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", URALMET, "-o", "newdir/"),
        ("gaps", URALMET, "-o", "newdir/."),
        ("sponsors", URALMET, "--format", "json", "-o", "newdir/"),
        ("export", "xlsx", URALMET, "-o", "newdir/"),
        ("export", "gexf", URALMET, "-o", "newdir/"),
        ("plan", URALMET, "--apply", "-o", "newdir.yaml/"),
        ("generate", "--people", "3", "-o", "newdir.yaml/"),
    ],
)
def test_a_trailing_slash_names_a_folder_not_a_file(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    output = args[-1]
    assert (result.exit_code, result.stdout) == (2, "")
    if args[0] == "generate":
        expected = f"{output}: name a .yaml, .yml or .json file (or give --accounts N to fill a folder)"
    else:
        expected = f"{output}: names a folder, not a file to write"
    assert result.stderr == f"error: {expected}\n"
    assert list(tmp_path.iterdir()) == []


# --- errors of the operating system: the path and the reason ------------------------------------


def _long_name_cases(tmp: Path) -> list[tuple[tuple[str | Path, ...], str]]:
    """(arguments, the one line expected on stderr) for a file name too long in every command."""
    name = str(tmp / LONG)
    cut = short_path(name + ".yaml")

    def shown(suffix: str) -> str:
        return short_path(name + suffix)

    return [
        (("validate", f"{name}.yaml"), f"{cut}: File name too long"),
        (("diff", f"{name}.yaml", URALMET), f"{cut}: File name too long"),
        (("gaps", URALMET, "-o", f"{name}.md"), f"{shown('.md')}: cannot write: File name too long"),
        (("map", URALMET, "-o", f"{name}.html"), f"{shown('.html')}: cannot write: File name too long"),
        (("map", URALMET, "--static", f"{name}.svg"), f"{shown('.svg')}: cannot write: File name too long"),
        (("review", URALMET, "-o", name), f"{shown('')}: cannot create the folder: File name too long"),
        (
            ("export", "xlsx", URALMET, "-o", f"{name}.xlsx"),
            f"{shown('.xlsx')}: cannot write: File name too long",
        ),
        (("plan", URALMET, "--apply", "-o", f"{name}.yaml"), f"{cut}: cannot write: File name too long"),
        (("generate", "--people", "3", "-o", f"{name}.yaml"), f"{cut}: cannot write: File name too long"),
        (
            ("generate", "--people", "3", "--accounts", "2", "-o", name),
            f"{shown('')}: cannot create the folder: File name too long",
        ),
        (("portfolio", name), f"{shown('')}: File name too long"),
        (("import", "xlsx", f"{name}.xlsx", "-o", tmp / "x.yaml"), f"{shown('.xlsx')}: File name too long"),
    ]


def test_a_file_name_too_long_is_named_shortly_in_every_command(run, tmp_path):
    for args, message in _long_name_cases(tmp_path):
        result = run(*args, *(AS_OF if args[0] in ("gaps", "map", "review", "plan", "diff") else ()))
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {message}\n"), args
        assert len(result.stderr) < 250 and "…" in result.stderr, args
    assert list(tmp_path.iterdir()) == []


def test_generate_into_a_folder_it_cannot_make(run, tmp_path, immutable):
    ro = immutable(_made(tmp_path / "ro"))
    result = run("generate", "--people", "3", "--accounts", "2", "-o", ro / "sub")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {ro / 'sub'}: cannot create the folder: Operation not permitted\n"


@pytest.mark.parametrize(
    ("where", "reason"),
    [("file/sub", "Not a directory"), ("/proc/gen", "No such file or directory")],
)
def test_generate_names_the_folder_the_system_refuses(run, tmp_path, monkeypatch, where, reason):
    if where.startswith("/proc") and not os.path.isdir("/proc/self"):  # pragma: no cover
        pytest.skip("no /proc here")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("generate", "--people", "3", "--accounts", "2", "-o", where)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {where}: cannot create the folder: {reason}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_neo4j_host_name_too_long_is_named(run):
    host = "h" * 600
    result = run("--uri", f"bolt://{host}:7687", "db", "list")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: invalid Neo4j URI: the host name '{short_path(host, 60)}' cannot be used: "
        "label too long (at most 63 characters between dots)\n"
    )


def test_an_os_error_naming_a_file_is_that_files_problem(run, monkeypatch):
    import influence.cli.analysis

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/accounts/cache")

    monkeypatch.setattr(influence.cli.analysis, "analyze", refused)
    result = run("gaps", URALMET)
    assert (result.exit_code, result.stderr) == (2, "error: /srv/accounts/cache: Permission denied\n")


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (OSError(5, "Input/output error"), "OSError: [Errno 5] Input/output error"),
        (UnicodeError("not about a host"), "UnicodeError: not about a host"),
        (KeyError("x"), "KeyError: 'x'"),
    ],
)
def test_other_errors_stay_visibly_bugs(run, monkeypatch, error, shown):
    """No file named, not standard output, not the Neo4j host: influence did not expect it."""
    import influence.cli.analysis

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(influence.cli.analysis, "analyze", broken)
    result = run("gaps", URALMET)
    assert (result.exit_code, result.stderr) == (2, f"error: internal error (a bug in influence): {shown}\n")


# --- generate: never over existing files unless asked ------------------------------------------


@pytest.mark.parametrize("existing", ["acct0000.yaml", "acct0002.yaml"])
def test_generate_refuses_to_replace_accounts_in_the_folder(run, tmp_path, existing):
    folder = _made(tmp_path / "full")
    (folder / existing).write_text("mine\n", encoding="utf-8")
    result = run("generate", "--people", "3", "--accounts", "3", "-o", folder)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {folder / existing}: already exists; nothing written "
        "(generate into another folder, or give --force to replace the files)\n"
    )
    assert _listing(folder) == {existing: b"mine\n"}


def test_generate_force_replaces_them(run, tmp_path):
    folder = _made(tmp_path / "full")
    (folder / "acct0000.yaml").write_text("mine\n", encoding="utf-8")
    (folder / "notes.txt").write_text("kept\n", encoding="utf-8")
    result = run("generate", "--people", "3", "--accounts", "2", "-o", folder, "--force")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"wrote 2 accounts to {folder}/ — ")
    assert sorted(_listing(folder)) == ["acct0000.yaml", "acct0001.yaml", "notes.txt"]
    assert run("validate", folder / "acct0000.yaml").exit_code == 0


@pytest.mark.parametrize("accounts", ["1", "2"])
def test_generate_needs_the_folder_above_in_both_forms(run, tmp_path, accounts):
    """The message names the missing folder and how to make it (it said only that it was missing)."""
    output = tmp_path / "a" / "b" / ("x.yaml" if accounts == "1" else "")
    result = run("generate", "--people", "3", "--accounts", accounts, "-o", output)
    assert (result.exit_code, result.stdout) == (2, "")
    folder = Path(output).parent
    assert result.stderr == (
        f"error: {Path(output)}: folder '{folder}' does not exist; create it first (mkdir -p {folder})\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_generate_into_a_new_folder_makes_it(run, tmp_path):
    result = run("generate", "--people", "3", "--accounts", "2", "-o", f"{tmp_path / 'p'}/")
    assert result.exit_code == 0, result.stderr
    assert sorted(_listing(tmp_path / "p")) == ["acct0000.yaml", "acct0001.yaml"]


def _made(folder: Path) -> Path:
    folder.mkdir()
    return folder


def test_map_writes_into_a_pipe_whatever_its_name(tmp_path):
    """`map -o /dev/stdout` and `-o >(gzip > m.html.gz)` were refused as "no suffix" (a device or a pipe is
    written into, as README says)."""
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "influence", "map", str(EXAMPLES / "uralmet.yaml"), "-o", "/dev/stdout"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", str(EXAMPLES / "uralmet-ru.yaml"), "--as-of", "2026-11-27", "-o"],
        ["coverage", str(EXAMPLES / "uralmet-ru.yaml"), "--format", "json", "-o"],
        ["sponsors", str(EXAMPLES / "uralmet-ru.yaml"), "--format", "csv", "-o"],
    ],
)
def test_a_report_never_replaces_an_account_file(run, tmp_path, args):
    """``gaps acct.yaml -o other-account.yaml`` replaced another account (and its comments) with a
    report; only the account being read was protected. The refusal, about the file, is said in the
    language of the account read (Russian), or of ``--lang``."""
    other = tmp_path / "q1.yaml"
    other.write_bytes((EXAMPLES / "uralmet.yaml").read_bytes())
    result = run(*args, other)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"ошибка: -o {other} — файл клиента influence/v1: он был бы перезаписан; укажите другой файл\n",
    )
    result = run(*args, other, "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"error: -o {other} holds an influence/v1 account: it would be overwritten; write to another file\n",
    )
    assert other.read_bytes() == (EXAMPLES / "uralmet.yaml").read_bytes()
    (other.with_suffix(".json")).write_text(
        '{\n  "format": "influence/v1",\n  "account": {}\n}\n', encoding="utf-8"
    )
    assert run(*args, other.with_suffix(".json")).exit_code == 2
    report = tmp_path / "report.json"
    report.write_text('{"earlier": "report"}\n', encoding="utf-8")
    assert run(*args, report).exit_code in (0, 1)
