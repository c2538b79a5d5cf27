"""SIGTERM and SIGHUP stop a command as Ctrl-C does: its temporary files and the folders it made are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _started_writing(folder: Path, process: subprocess.Popen) -> None:
    """Wait until ``process`` has written a file under ``folder`` (it is then mid-write).

    The commands write 300 accounts, several seconds of work, so that they are signalled
    mid-write even on a loaded machine.
    """
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.is_file() for p in folder.rglob("*")):
            return
        time.sleep(0.005)
    pytest.fail("the command wrote no temporary file")


def _stopped_generate(tmp_path: Path, number: int, *lang: str) -> tuple[int, str]:
    """The exit code and standard error of a large ``generate --accounts`` into a new folder under
    ``tmp_path``, sent signal ``number`` once it writes. The child starts with the signals' default
    handling whatever this process inherited (under ``nohup`` it inherited SIGHUP ignored, rightly
    kept it so and finished: exit 0)."""
    folder = tmp_path / "portfolio"
    generate = ("generate", "--people", "2000", "--accounts", "300", "-o", str(folder))
    process = subprocess.Popen(
        [sys.executable, "-m", "influence", *lang, *generate],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_signals,
    )
    _started_writing(tmp_path, process)
    process.send_signal(number)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("number", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_a_stopped_portfolio_leaves_no_folder_and_no_temporary_file(tmp_path, number):
    code, said = _stopped_generate(tmp_path, number)
    assert code == 128 + number, said
    assert not (tmp_path / "portfolio").exists()
    assert list(tmp_path.iterdir()) == []


def _workers_started(process: subprocess.Popen) -> None:
    """Wait until ``process`` has started its worker processes (two children besides the resource tracker)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout
        if len(children.split()) >= 3:
            return
        time.sleep(0.01)
    pytest.fail("the portfolio started no workers")


def _default_signals() -> None:
    """In the child: Ctrl-C, SIGTERM and SIGHUP handled by default, whatever this process inherited
    (``nohup`` ignores SIGHUP; a shell's background job, Ctrl-C)."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize(
    ("lang", "said"), [((), "\nAborted!\n"), (("--lang", "ru"), "\nПрервано.\n")], ids=["en", "ru"]
)
@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 1)], ids=["term", "int"])
def test_a_stopped_command_says_so_in_the_users_language(tmp_path, lang, said, number, code):
    """click's English "Aborted!" was said under --lang ru too; the exit codes are as they were."""
    assert _stopped_generate(tmp_path, number, *lang) == (code, said)
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary file


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_ctrl_c_at_a_portfolio_says_aborted_and_nothing_else(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: each worker printed its traceback
    ("Process SpawnPoolWorker-1: … KeyboardInterrupt") and the resource tracker warned of leaked
    semaphores, around the command's own «Прервано.»."""
    folder = tmp_path / "accounts"
    made = subprocess.run(
        [sys.executable, "-m", "influence", "generate", "--people", "2000", "--accounts", "60", "-o", folder],
        cwd=ROOT,
        capture_output=True,
    )
    assert made.returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "influence", "--lang", "ru", "portfolio", folder, "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's job has
        preexec_fn=_default_signals,
    )
    _workers_started(process)
    time.sleep(0.2)  # they are importing or reading accounts (the whole run takes a second or more)
    assert process.poll() is None, "the portfolio finished before Ctrl-C"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr) == (1, "\nПрервано.\n")


#: runs the console script with every os.replace followed by SIGTERM to the process itself, once the
#: ARGV[1]-th replacement is done: a signal landing just after the files are in place
_TERM_AFTER = r"""
import os, signal, sys
real, calls, at = os.replace, [0], int(sys.argv[1])
def replace(src, dst):
    real(src, dst)
    calls[0] += 1
    if calls[0] == at:
        os.kill(os.getpid(), signal.SIGTERM)
os.replace = replace
sys.argv = ["influence", *sys.argv[2:]]
from influence.cli.app import script
script()
"""


def test_a_signal_after_the_file_is_in_place_lets_the_command_finish(tmp_path):
    """It said "Aborted!" and exited 143 with the file written, so a retry was refused ("already
    exists"); the command has done its work by then, and says so."""
    target = tmp_path / "big.yaml"
    done = subprocess.run(
        [sys.executable, "-c", _TERM_AFTER, "1", "generate", "--people", "50", "-o", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"wrote {target} — 51 people")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_a_signal_while_the_file_is_staged_still_stops_it(tmp_path):
    target = tmp_path / "big.yaml"
    staging = _TERM_AFTER.replace(
        "os.replace = replace", "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)"
    )
    done = subprocess.run(
        [sys.executable, "-c", staging, "1", "generate", "--people", "50", "-o", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (143, "\nAborted!\n")
    assert list(tmp_path.iterdir()) == []
