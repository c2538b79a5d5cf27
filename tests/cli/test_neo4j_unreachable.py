"""A Neo4j URI that reaches no Neo4j is diagnosed in the catalogue's words, in the chosen language.

The servers here are real sockets on this machine: one that answers HTTP (as Neo4j's browser port
7474 does), one that takes the connection and never answers, one that closes it at once, and a
port nothing listens on. The driver said "Cannot to connect to Bolt service on
ResolvedIPv4Address(…) (looks like HTTP)", "Failed to read four byte Bolt handshake response…", or
for any ``neo4j://`` URI only "Unable to retrieve routing information", in English under
``--lang ru`` too.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest

from tests.conftest import EXAMPLES, _free_port

HTTP = (
    "that port answers HTTP, not Neo4j's Bolt protocol: use the Bolt port (usually 7687), "
    "not the browser port (usually 7474)"
)
HTTP_RU = (
    "этот порт отвечает по HTTP, а не по протоколу Bolt, на котором работает Neo4j: укажите порт Bolt "
    "(обычно 7687), а не порт браузера (обычно 7474)"
)
SILENT = (
    "something at that address and port took the connection but did not answer as Neo4j "
    "(no Bolt handshake): check the port (Neo4j's Bolt port is usually 7687)"
)
SILENT_RU = (
    "по этому адресу и порту соединение принимается, но отвечает не Neo4j (нет приветствия Bolt): "
    "проверьте порт (порт Bolt у Neo4j обычно 7687)"
)
REFUSED = "nothing answers at that address and port (connection refused): is the server running?"
REFUSED_RU = "по этому адресу и порту никто не отвечает (в соединении отказано): запущен ли сервер?"


@contextlib.contextmanager
def _server(kind: str) -> Iterator[int]:
    """A listening socket on a free port that answers each connection as ``kind`` says; yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    kept: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener was closed: the test is over
                return
            if kind == "http":
                conn.recv(100)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                conn.close()
            elif kind == "close":
                conn.close()
            else:  # "silent": keep it open, say nothing
                kept.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for conn in kept:
            conn.close()


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
@pytest.mark.parametrize(
    ("kind", "english", "russian"),
    [("http", HTTP, HTTP_RU), ("close", SILENT, SILENT_RU), ("refused", REFUSED, REFUSED_RU)],
)
def test_what_answers_at_the_port_is_said_plainly(run, scheme, kind, english, russian):
    with contextlib.ExitStack() as stack:
        port = _free_port() if kind == "refused" else stack.enter_context(_server(kind))
        uri = f"{scheme}://127.0.0.1:{port}"
        result = run("--uri", uri, "db", "list")
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"error: cannot reach Neo4j at {uri}: {english}\n",
        )
        result = run("--lang", "ru", "--uri", uri, "db", "list")
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"ошибка: не удаётся подключиться к Neo4j по адресу {uri}: {russian}\n",
        )


def test_a_port_that_never_answers_is_said_plainly(run):
    """The driver waits for the handshake until its deadline (about ten seconds)."""
    with _server("silent") as port:
        uri = f"bolt://127.0.0.1:{port}"
        result = run("--uri", uri, "db", "list")
    assert (result.exit_code, result.stderr) == (2, f"error: cannot reach Neo4j at {uri}: {SILENT}\n")


@pytest.mark.parametrize("uri", ["bolt://[::1", "neo4j://[zz]:7687"])
def test_a_broken_ipv6_address_is_said_in_the_chosen_language(run, uri):
    result = run("--lang", "ru", "--uri", uri, "db", "list")
    assert (result.exit_code, result.stderr) == (
        2,
        f"ошибка: неверный URI Neo4j '{uri}': в квадратных скобках не IPv6-адрес, или не хватает "
        "закрывающей скобки ']' (пример: bolt://[::1]:7687)\n",
    )


def test_pushing_a_russian_account_to_a_server_out_of_reach_is_said_in_russian(run):
    """The account's language was set only after connecting, so the refusal came in English."""
    uri = f"bolt://127.0.0.1:{_free_port()}"
    result = run("--uri", uri, "db", "push", EXAMPLES / "uralmet-ru.yaml", "-m", "тест")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"ошибка: не удаётся подключиться к Neo4j по адресу {uri}: {REFUSED_RU}\n",
    )
    result = run("--uri", uri, "db", "push", EXAMPLES / "uralmet.yaml")
    assert result.stderr == f"error: cannot reach Neo4j at {uri}: {REFUSED}\n"
