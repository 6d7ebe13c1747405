"""Fixtures for the SPARQL tests: a small seed dataset, loopback listeners, servers.

Test modules import what they need from here; fixtures are named ``fixture_<name>``
and registered under ``<name>``, so importing them does not shadow the test arguments,
and ``tests/conftest.py`` stays shared and small.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent / "data" / "sparql_seed.trig"
GKD = "https://w3id.org/graphkit/id/"


class Listener:
    """A TCP socket listening on 127.0.0.1 that records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def connected(self, wait: float = 0.2) -> bool:
        """Return True if a connection arrives within ``wait`` seconds."""
        self.sock.settimeout(wait)
        try:
            conn, _ = self.sock.accept()
        except TimeoutError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(name="listener")
def fixture_listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(name="seed", scope="module", params=["oxigraph", "memory"])
def fixture_seed(request: pytest.FixtureRequest):
    """The seed dataset, once with each engine."""
    from graphkit.rdf.store import open_store

    return open_store(SEED, engine=request.param)


@pytest.fixture(name="seed_ox", scope="module")
def fixture_seed_ox():
    from graphkit.rdf.store import open_store

    return open_store(SEED, engine="oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_endpoint(path: Path = SEED, **options):
    """Start graphkit's endpoint on a free loopback port in a thread; return the server."""
    from graphkit.sparql.endpoint import make_server

    server = make_server(path, host="127.0.0.1", port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def stop_endpoint(server) -> None:
    server.shutdown()
    server.close()


def oxigraph_binary() -> str | None:
    import sys

    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.is_file():
        return str(candidate)
    return shutil.which("oxigraph")


class OxigraphServer:
    """A real Oxigraph server bound to 127.0.0.1 on a free port, in a temporary folder."""

    def __init__(self, location: Path) -> None:
        binary = oxigraph_binary()
        if binary is None:
            pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
                "--timeout-s",
                "30",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph server did not start")

    @property
    def store_url(self) -> str:
        return self.base + "/store"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        if self.process.stderr:
            self.process.stderr.close()
