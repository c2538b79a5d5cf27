"""The real ``python -m influence`` process: exit codes and no traceback."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES, ROOT


def influence(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "influence", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_gaps_of_the_bundled_example():
    result = influence("gaps", str(EXAMPLES / "uralmet.yaml"), "--as-of", "2026-11-27")
    assert result.returncode == 0
    assert result.stdout.startswith("Gap report: UralMet Holding (uralmet), as of 2026-11-27\n")


def test_bad_inputs_exit_2_without_traceback(tmp_path):
    garbage = tmp_path / "x.yaml"
    garbage.write_bytes(b"\x00\xff" * 100)
    for args in (
        ["validate", str(tmp_path / "missing.yaml")],
        ["validate", str(garbage)],
        ["gaps", str(EXAMPLES / "uralmet.yaml"), "--as-of", "tomorrow"],
        ["--uri", "bolt://127.0.0.1:1", "gaps", "neo4j:x"],
        ["nosuchcommand"],
    ):
        result = influence(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and result.stdout == "", args
        assert len(result.stderr.splitlines()) <= 10, args


def test_version():
    from influence import __version__

    result = influence("--version")
    assert (result.returncode, result.stdout) == (0, f"influence, version {__version__}\n")
    for args in (["--lang", "ru", "--version"], ["--version", "--lang=ru"]):  # it said "version" in English
        result = influence(*args)
        assert (result.returncode, result.stdout) == (0, f"influence, версия {__version__}\n"), args


def test_a_command_imports_only_its_own_module():
    """``gaps`` loads neither the Neo4j store, the portfolio's pool, the diff nor the maps."""
    probe = (
        "import sys\n"
        "from influence.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['influence.store.neo4j', 'influence.batch', 'influence.diff', 'influence.maps', 'multiprocessing']\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    args = ["gaps", str(EXAMPLES / "uralmet.yaml"), "--as-of", "2026-11-27"]
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.startswith("Gap report: UralMet Holding")
    assert result.stderr.strip() == "[]"


def test_every_command_is_found_in_the_module_named_for_it():
    import importlib

    from influence.cli import cli
    from influence.cli.app import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"influence.cli.{module}")
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"influence.cli.{COMMAND_MODULES[name]}", name


def test_the_process_ends_with_the_commands_exit_code_and_whole_output(run):
    """``python -m influence`` leaves without the interpreter's teardown: everything the command
    printed must still arrive, and the exit code must be the command's."""
    args = ["gaps", str(EXAMPLES / "uralmet.yaml"), "--as-of", "2026-11-27", "--format", "json"]
    result = influence(*args)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == run(*args).stdout
    failing = influence(*args, "--fail-on", "high")
    assert failing.returncode == 1 and failing.stdout == result.stdout


def test_the_console_script_leaves_the_loaded_accounts_for_the_process_end(run):
    """Freeing a large account object by object would only delay the exit: the script keeps what
    the command loaded (two accounts for ``diff``); a command run in process keeps nothing."""
    probe = (
        "import os, sys\n"
        "from influence.cli import app\n"
        "leave = os._exit\n"
        "def kept(code):\n"
        "    print([a.info.id for a in app._SPARED], file=sys.stderr)\n"
        "    leave(code)\n"
        "os._exit = kept\n"
        "app.script()\n"
    )
    uralmet = str(EXAMPLES / "uralmet.yaml")
    result = subprocess.run(
        [sys.executable, "-c", probe, "diff", uralmet, uralmet], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stderr.strip() == "['uralmet', 'uralmet']"
    from influence.cli import app

    assert run("validate", uralmet).exit_code == 0 and app._SPARED is None


def _with_closed_stdout(*args: str) -> subprocess.CompletedProcess:
    """Run with a stdout pipe whose reader has already left (``influence … | true``)."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "influence", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)


def test_a_reader_that_left_ends_the_command_quietly():
    """``influence gaps … | head -1``: the reader leaves; no "internal error", exit code 1."""
    for fmt in ("table", "json"):
        result = _with_closed_stdout("gaps", str(EXAMPLES / "uralmet.yaml"), "--format", fmt)
        assert (result.returncode, result.stderr) == (1, ""), fmt


def test_a_broken_pipe_elsewhere_is_still_a_bug(run, monkeypatch):
    """A BrokenPipeError that is not stdout's (a helper process) is reported, not swallowed."""
    import influence.cli.analysis

    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(influence.cli.analysis, "analyze", broken)
    result = run("gaps", EXAMPLES / "uralmet.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "error: internal error (a bug in influence): BrokenPipeError: [Errno 32] Broken pipe\n"
    )


def test_a_yaml_bomb_is_refused_by_every_writer_at_once(tmp_path):
    """Nine lists of nine aliases: read shared, it once hung every command that writes it out."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "format: influence/v1\naccount: {id: a, name: A}\nx-lol:\n" + "".join(f"  {r}\n" for r in rows),
        encoding="utf-8",
    )
    for args in (
        ["export", "xlsx", str(bomb), "-o", str(tmp_path / "b.xlsx")],
        ["plan", str(bomb), "--apply", "-o", str(tmp_path / "b.json")],
        ["--uri", "bolt://127.0.0.1:1", "db", "push", str(bomb)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "influence", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert result.returncode == 2, args
        assert f"{bomb}:5: (document): aliases (the first on this line) copy values" in result.stderr, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.yaml"]
