"""`graphkit serve` as a user runs it: the startup line names the limits and the isolation;
clients that go away leave no traceback; stopping it stops its workers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bounded import ROOT
from endpoint_client import SLOW, wait_until_running_any
from sparql_fixtures import free_port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    out, err = (folder / "stdout").open("wb"), (folder / "stderr").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "serve", "--port", str(port), "--timeout", "3"],
        stdout=out,
        stderr=err,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                break
        except OSError:
            assert process.poll() is None, (folder / "stderr").read_text()
            assert time.monotonic() < deadline, "graphkit serve did not start"
            time.sleep(0.2)
    yield process, port, folder
    if process.poll() is None:
        process.kill()
        process.wait(10)
    out.close()
    err.close()


def reset_after_sending(port: int, query: str) -> None:
    """Send a query and close the connection with a reset before the answer comes."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    target = "/sparql?" + urllib.parse.urlencode({"query": query})
    sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_the_startup_line_names_the_limits_and_the_isolation(served) -> None:
    _, _, folder = served
    out = (folder / "stdout").read_text()
    limits = next(line for line in out.splitlines() if line.startswith("limits: "))
    assert "2 query worker(s)" in limits
    assert "each query: 3 s, memory " in limits
    if "NOT isolated" in limits:
        assert "can reach the network" in (folder / "stderr").read_text()
    else:
        assert "network namespace" in limits


def test_clients_that_go_away_leave_no_traceback(served) -> None:
    process, port, folder = served
    for _ in range(5):
        reset_after_sending(port, "SELECT * WHERE { ?s ?p ?o }")  # a big answer, written to nobody
    reset_after_sending(port, SLOW)  # answered 503 after the timeout, to nobody
    time.sleep(5)
    query = urllib.parse.quote("ASK { ?s ?p ?o }")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query={query}", timeout=30) as response:
        assert response.status == 200
    assert process.poll() is None
    assert "Traceback" not in (folder / "stderr").read_text()


def test_stopping_serve_stops_its_workers_even_a_busy_one(served) -> None:
    process, port, folder = served
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    workers = [int(pid) for pid in children if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
    assert len(workers) == 2
    reset_after_sending(port, SLOW)
    # Two ticks is enough to see the query started, well inside the 3 s timeout on a busy machine.
    wait_until_running_any(workers, ticks=2)  # an orphan would run this query for ever
    process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(30) in (0, -signal.SIGTERM), (folder / "stderr").read_text()[-3000:]
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived graphkit serve"
            time.sleep(0.1)
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert "Traceback" not in (folder / "stderr").read_text()
