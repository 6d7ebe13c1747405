"""Item 4: a worker that aborts gives its client a clear 500; the server stays up and serves on."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from endpoint_client import SLOW, answers_true, get, wait_until_running
from sparql_fixtures import start_endpoint, stop_endpoint

BUILT = Path(__file__).resolve().parents[2] / "data" / "build" / "graphkit.nq"
#: Aborts pyoxigraph 0.5.13 on the built dataset (a Rust panic; exit 134 in the CLI).
PANIC = "SELECT ?s ?o WHERE { ?s !<urn:x:p>* ?o } ORDER BY ?s ?o"


def test_an_abort_in_the_middle_of_a_query_is_a_500_and_the_server_serves_on() -> None:
    server = start_endpoint(workers=1, timeout=120)
    try:
        pid = server.pool.pids[0]
        answer: list = []
        thread = threading.Thread(target=lambda: answer.append(get(server, SLOW)))
        thread.start()
        wait_until_running(pid)
        os.kill(pid, signal.SIGABRT)  # what an engine panic does
        thread.join(60)
        status, headers, body = answer[0]
        assert status == 500
        assert headers["content-type"].startswith("text/plain")
        assert body.startswith("Query crashed the engine (signal SIGABRT); the worker has been restarted")
        assert answers_true(server)
        assert server.pool.pids != [pid]
    finally:
        stop_endpoint(server)


def test_the_engine_panic_query_cannot_take_the_endpoint_down() -> None:
    server = start_endpoint(BUILT, workers=1, timeout=60)
    try:
        for _ in range(3):  # each time, not just the first
            status, _, body = get(server, PANIC)
            assert status in (400, 500), body  # refused by the check (a bad query), or contained
            if status == 500:
                assert body.startswith("Query crashed the engine (signal SIGABRT)")
            assert answers_true(server)
    finally:
        stop_endpoint(server)
