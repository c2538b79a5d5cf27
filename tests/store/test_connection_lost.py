"""Connection trouble after the server was reached is said as such: a connection lost during a
push says the push may or may not have landed and how to tell; a server that locks a user
out after wrong passwords says so in the user's language."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
import urllib.parse

import pytest

from influence.errors import StoreError
from influence.loading import load_file
from influence.store.neo4j import Neo4jStore
from tests.conftest import EXAMPLES

A = "uralmet"


class Proxy:
    """A TCP relay to the server whose connections :meth:`cut` closes at once."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)

    def cut(self) -> None:
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self.listener.close()
        self.cut()


def test_a_connection_lost_during_a_push_says_it_may_have_landed(neo4j_store, neo4j_config):
    account = load_file(EXAMPLES / "uralmet.yaml")
    neo4j_store.push(account)
    changed = dataclasses.replace(account, info=dataclasses.replace(account.info, name="UralMet 2027"))
    target = urllib.parse.urlsplit(neo4j_config.uri)
    proxy = Proxy(target.hostname or "127.0.0.1", target.port or 7687)
    uri = f"bolt://127.0.0.1:{proxy.port}"
    try:
        with (
            Neo4jStore(dataclasses.replace(neo4j_config, uri=uri), batch_size=5) as store,
            pytest.raises(StoreError) as caught,
        ):
            store.push(changed, progress=lambda step, done: proxy.cut(), force=True)
    finally:
        proxy.close()
    said = str(caught.value)
    assert said.startswith(f"the connection to Neo4j at {uri} was lost during the push of '{A}' (")
    assert said.endswith(
        "); it may or may not have been stored: influence db history uralmet shows whether it landed"
    )
    assert "cannot reach" not in said and len(said.splitlines()) == 1
    assert [v.version for v in neo4j_store.history(A)] == [1]  # here it did not: never committed


def test_a_user_locked_out_after_wrong_passwords_is_told_in_russian(neo4j_config, run):
    env = {"NEO4J_URI": neo4j_config.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "Wr0ng-s3cret"}
    said = set()
    try:
        for _ in range(6):
            result = run("db", "list", "--lang", "ru", env=env)
            assert result.exit_code == 2
            said.add(result.stderr)
    finally:
        time.sleep(6)  # the server's lock-out (5 s by default) ends before other tests log in
    assert (
        f"ошибка: Neo4j по адресу {neo4j_config.uri} временно не пускает пользователя 'neo4j': слишком много "
        "неверных входов подряд; подождите несколько секунд, затем проверьте NEO4J_PASSWORD\n"
    ) in said
    assert not any("AuthenticationRateLimit" in s or "Wr0ng-s3cret" in s for s in said)
