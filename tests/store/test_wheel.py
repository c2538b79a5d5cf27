"""The built wheel works on its own: the Cypher ships inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_wheel_installed_in_a_fresh_venv_reaches_neo4j(neo4j_store, neo4j_env, tmp_path):
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("influence-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"influence/cypher/schema.cypher", "influence/cypher/push.cypher"} <= set(names)

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    # the dependencies from the environment running the tests, not the influence installed there:
    # a .pth line adds its site-packages but not the editable install's finder (a .pth inside it).
    # (--system-site-packages gave the base interpreter's, which a virtual environment's lacks.)
    nested = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path
    )
    outer = sysconfig.get_paths()["purelib"]
    Path(nested.stdout.strip(), "dependencies.pth").write_text(outer + "\n", encoding="utf-8")
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEO4J_DATABASE")} | neo4j_env
    where = _run([str(python), "-c", "import influence; print(influence.__file__)"], cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    influence = [str(venv / "bin" / "influence")]  # the console script of the installed wheel
    for args in (
        ["db", "init"],
        ["db", "push", str(EXAMPLES / "uralmet.yaml")],
        ["db", "pull", "uralmet", "-o", str(tmp_path / "pulled.yaml")],
    ):
        result = _run(influence + args, cwd=tmp_path, env=env)
        assert result.returncode == 0, (args, result.stderr)
    gaps = [*influence, "gaps", "--as-of", "2026-11-27", "--format", "json"]
    pulled = _run([*gaps, str(tmp_path / "pulled.yaml")], cwd=tmp_path, env=env)
    original = _run([*gaps, str(EXAMPLES / "uralmet.yaml")], cwd=tmp_path, env=env)
    assert pulled.returncode == 0 and pulled.stdout == original.stdout
