"""``-o -``: stdout where a command prints anyway, refused where it only writes files."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import EXAMPLES

URALMET = EXAMPLES / "uralmet.yaml"
AS_OF = ("--as-of", "2026-11-27")


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", URALMET, *AS_OF),
        ("gaps", URALMET, *AS_OF, "--format", "json"),
        ("sponsors", URALMET, *AS_OF, "--format", "csv"),
        ("plan", URALMET, *AS_OF),
        ("portfolio", EXAMPLES, *AS_OF),
    ],
)
def test_dash_prints_what_the_command_prints_without_it(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    printed = run(*args)
    dashed = run(*args, "-o", "-")
    assert (dashed.exit_code, dashed.stdout) == (printed.exit_code, printed.stdout)
    assert printed.stdout and not printed.stdout.startswith("wrote")
    assert os.listdir(tmp_path) == []  # no file named "-"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("map", URALMET, "-o", "-"), "file"),
        (("map", URALMET, "-o", "m.html", "--static", "-"), "file"),
        (("review", URALMET, "-o", "-"), "folder"),
        (("export", "graphml", URALMET, "-o", "-"), "file"),
        (("export", "xlsx", URALMET, "-o", "-"), "file"),
        (("import", "xlsx", EXAMPLES / "uralmet.yaml", "-o", "-"), "file"),
        (("generate", "-o", "-"), "file or folder"),
    ],
)
def test_dash_is_refused_where_only_a_file_is_written(run, tmp_path, monkeypatch, args, what):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: Invalid value for ")
    assert last.endswith(f": '-' (stdout): this command writes a {what}; give its name")
    assert os.listdir(tmp_path) == []


def test_xlsx_to_dash_still_needs_a_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("gaps", URALMET, "--format", "xlsx", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --format xlsx writes a workbook: add -o FILE.xlsx"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        ("gaps", "in.yaml", *AS_OF, "-o", "in.yaml"),
        ("sponsors", "in.yaml", "--format", "json", "-o", "./in.yaml"),
        ("map", "in.yaml", *AS_OF, "-o", "in.html"),  # a link to the account (see below)
        ("portfolio", ".", *AS_OF, "-o", "in.yaml"),
        ("diff", "in.yaml", "in.yaml", *AS_OF),  # no -o: reads only
    ],
)
def test_no_output_overwrites_the_account_it_reads(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    account = (EXAMPLES / "uralmet.yaml").read_bytes()
    (tmp_path / "in.yaml").write_bytes(account)
    (tmp_path / "in.html").symlink_to("in.yaml")  # map -o takes only an .html name: this one is the account
    result = run(*args)
    assert (tmp_path / "in.yaml").read_bytes() == account
    if "-o" in args:
        output = args[args.index("-o") + 1]
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: -o {output} is in.yaml, the account being read: it would be overwritten; "
            "write to another file\n"
        )


def test_map_writes_neither_file_when_one_cannot_be_written(run, tmp_path):
    page = tmp_path / "m.html"
    page.write_text("the previous map", encoding="utf-8")
    result = run("map", URALMET, *AS_OF, "-o", page, "--static", tmp_path / "nodir" / "m.svg")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"error: {tmp_path / 'nodir' / 'm.svg'}: folder '{tmp_path / 'nodir'}' does not exist; "
        f"create it first (mkdir -p {tmp_path / 'nodir'})\n"
    )
    assert page.read_text(encoding="utf-8") == "the previous map"


def test_review_writes_no_file_of_its_pack_when_one_cannot_be_written(run, tmp_path):
    pack = tmp_path / "pack"
    (pack / "diff.md").mkdir(parents=True)  # the last file of the pack cannot be written
    (pack / "map.html").write_text("the previous map", encoding="utf-8")
    since = EXAMPLES / "uralmet-2027q1.yaml"
    result = run(
        "review", URALMET, *AS_OF, "-o", pack, "--since", since, "--force"
    )  # (not an earlier pack's map)
    assert (result.exit_code, result.stderr) == (2, f"error: {pack / 'diff.md'}: is a directory\n")
    assert sorted(p.name for p in pack.iterdir()) == ["diff.md", "map.html"]
    assert (pack / "map.html").read_text(encoding="utf-8") == "the previous map"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export", "gexf", URALMET, "-o", "x.graphml"),
            "export gexf writes GEXF, but x.graphml names a .graphml file: use .gexf",
        ),
        (
            ("export", "graphml", URALMET, "-o", "x.gexf"),
            "export graphml writes GRAPHML, but x.gexf names a .gexf file: use .graphml",
        ),
        (  # the account itself: refused by its name before anything is read
            ("export", "gexf", URALMET, "-o", "in.yaml"),
            "export gexf writes GEXF, but in.yaml names a .yaml file: use .gexf",
        ),
        (
            ("export", "xlsx", URALMET, "-o", "x.json"),
            "export xlsx writes a workbook, but x.json names a .json file: use .xlsx",
        ),
    ],
)
def test_an_export_is_not_written_under_another_formats_name(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, f"Error: {message}")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("command", ["import", "plan"])
def test_an_account_written_into_a_named_pipe_does_not_wait_to_read_it_first(tmp_path, command):
    """``import … -o PIPE`` read the pipe for comments before writing (it hung, waiting for input)."""
    import subprocess
    import sys
    import threading

    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if command == "import":
        args = ["import", "salesforce", EXAMPLES / "salesforce", "--account", "УралМет Сталь", "-o", fifo]
    else:
        args = ["plan", EXAMPLES / "uralmet.yaml", "--apply", "-o", fifo, "--as-of", "2026-11-27"]
    done = subprocess.run(
        [sys.executable, "-m", "influence", *args], capture_output=True, text=True, timeout=20
    )
    reader.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert got and got[0].startswith(b"format: influence/v1\n")


@pytest.mark.parametrize("name", ["O'Brien files", "it's", "two words"])
def test_the_mkdir_remedy_can_be_pasted_into_a_shell(run, tmp_path, name):
    """`mkdir -p 'O'Brien files'` left a quote open: the folder is quoted for the shell now."""
    missing = tmp_path / name
    result = run("gaps", EXAMPLES / "uralmet.yaml", "-o", missing / "g.md")
    assert result.exit_code == 2
    command = result.stderr.rsplit("(", 1)[1].removesuffix(")\n")
    made = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert missing.is_dir()
