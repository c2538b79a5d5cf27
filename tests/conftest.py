"""Shared fixtures: example paths, a file writer and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from influence.cli import cli
from influence.maps.static import CHROMIUM_ARGS as STATIC_EXPORT_ARGS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

_MAP_DATA = '<script id="map-data" type="application/json">'


def map_data(path: Path) -> dict:
    """The data a saved map page draws (its ``map-data`` script: nodes, edges, findings, links…)."""
    page = path.read_text(encoding="utf-8")
    start = page.index(_MAP_DATA) + len(_MAP_DATA)
    return json.loads(page[start : page.index("</script>", start)])


def influence_process(
    *args: str | Path, close: int | None = None, env: dict[str, str] | None = None, **streams: Any
) -> subprocess.CompletedProcess:
    """``python -m influence ARGS`` as a process from the repository (the console script's own ending included).

    ``streams`` go to :func:`subprocess.run` (default: standard output
    dropped, standard error captured as text); ``close`` is a file
    descriptor the process starts without (1: standard output closed);
    ``env`` adds variables to this process's environment.
    """
    options: dict[str, Any] = {
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.PIPE,
        "text": True,
        **streams,
    }
    return subprocess.run(
        [sys.executable, "-m", "influence", *map(str, args)],
        cwd=ROOT,
        env={**os.environ, **env} if env else None,
        preexec_fn=(lambda: os.close(close)) if close is not None else None,
        **options,
    )


@pytest.fixture
def write(tmp_path: Path):
    """Write dedented text to a file in tmp_path and return its path."""

    def _write(text: str, name: str = "acct.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def _run(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None):
        return runner.invoke(cli, [str(a) for a in args], env=env, input=input, catch_exceptions=False)

    return _run


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_config():
    """A real Neo4j 5: NEO4J_URI when set, else the bundled server, started once per session.

    With CI=true a server that cannot start fails the run; elsewhere the
    Neo4j tests are skipped with the reason.
    """
    import os
    import subprocess

    from influence.store import Neo4jConfig

    if os.environ.get("NEO4J_URI"):
        yield Neo4jConfig().resolved()
        return
    port = _free_port()
    env = {**os.environ, "NEO4J_PORT": str(port), "NEO4J_PASSWORD": "test-secret-pw"}
    server = ROOT / "tools" / "neo4j" / "server"
    try:
        proc = subprocess.run(
            ["bash", str(server), "start"], env=env, capture_output=True, text=True, timeout=400
        )
        ok, reason = proc.returncode == 0, proc.stderr.strip()[-2000:]
    except (OSError, subprocess.TimeoutExpired) as exc:
        ok, reason = False, str(exc)
    if not ok:
        subprocess.run(["bash", str(server), "stop"], env=env, capture_output=True)
        message = f"the Neo4j test server did not start: {reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        exports = dict(line.removeprefix("export ").split("=", 1) for line in proc.stdout.splitlines())
        assert "NEO4J_PASSWORD" not in exports  # a password we chose is never printed
        uri = exports["NEO4J_URI"]
        yield Neo4jConfig(
            uri=uri, username=exports["NEO4J_USERNAME"], password="test-secret-pw", database=None
        )
    finally:
        subprocess.run(["bash", str(server), "stop"], env=env, capture_output=True)


@pytest.fixture
def neo4j_env(neo4j_config):
    """Environment variables that point the CLI at the test server."""
    env = {
        "NEO4J_URI": neo4j_config.uri,
        "NEO4J_USERNAME": neo4j_config.username,
        "NEO4J_PASSWORD": neo4j_config.password,
    }
    if neo4j_config.database:
        env["NEO4J_DATABASE"] = neo4j_config.database
    return env


@pytest.fixture
def neo4j_store(neo4j_config):
    """An open store on an empty database."""
    from influence.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_config) as store:
        with store._session() as session:
            # influence's own nodes only (all carry `account`): point NEO4J_URI at a scratch database
            session.run("MATCH (n) WHERE n.account IS NOT NULL DETACH DELETE n").consume()
        yield store


CHROMIUM_ARGS = [*STATIC_EXPORT_ARGS, "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download). CI=true: must work."""
    import os
    import shutil

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        instance = manager.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception as exc:  # pragma: no cover - depends on the machine
        message = f"headless Chromium is not available: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield instance
    instance.close()
    manager.stop()


@pytest.fixture
def open_page(browser):
    """Open a local file with every non-file request blocked and recorded."""
    pages = []

    def _open(path, viewport=(1500, 900)):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.blocked, page.errors, page.dialogs = [], [], []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                page.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("window.influenceMap && window.influenceMap.drawn", timeout=60_000)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


#: Texts a CRM export or a hand-written JSON file may hold: an escape sequence
#: that clears a terminal, a bell, a line break, and a formula for a spreadsheet.
HOSTILE_NAME = "Ivan\x1b[2J Ivanov\x07\nII"
HOSTILE_TITLE = '=HYPERLINK("http://example.invalid","CTO")'


@pytest.fixture
def hostile_account(tmp_path: Path) -> Path:
    """uralmet as JSON, Ivan Ivanov named :data:`HOSTILE_NAME` with the title :data:`HOSTILE_TITLE`."""
    import json

    import yaml

    doc = yaml.safe_load((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8"))
    (ivanov,) = (p for p in doc["people"] if p["id"] == "ivanov")
    ivanov.update(name=HOSTILE_NAME, title=HOSTILE_TITLE)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    return path
