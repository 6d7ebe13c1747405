"""Item 5: a burst is queued, not reset; one slow query does not block the others; a full queue is a 503."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse

import pytest
from endpoint_client import FAST, SLOW, get, wait_until_running, wait_until_running_any
from sparql_fixtures import start_endpoint, stop_endpoint

BURST = 50


@pytest.fixture(scope="module")
def server():
    srv = start_endpoint(workers=2, timeout=30)
    yield srv
    stop_endpoint(srv)


def test_fifty_concurrent_posts_are_all_answered_none_reset(server) -> None:
    host, port = server.server_address[:2]
    form = urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a schema:Person } ORDER BY ?s"}).encode()
    start = threading.Barrier(BURST)
    statuses: list[int] = []
    failures: list[str] = []

    def post() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        start.wait()
        try:
            conn.request("POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
            response = conn.getresponse()
            assert len(json.loads(response.read())["results"]["bindings"]) == 3
            statuses.append(response.status)
        except Exception as exc:  # a reset or a refusal is what this test counts
            failures.append(repr(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=post) for _ in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert failures == []
    assert statuses == [200] * BURST


def test_one_slow_query_does_not_block_the_others(server) -> None:
    answer: list = []
    slow = threading.Thread(target=lambda: answer.append(get(server, SLOW)))
    slow.start()
    wait_until_running_any(server.pool.pids)
    for _ in range(10):
        status, _, body = get(server, FAST)
        assert status == 200
        assert json.loads(body)["boolean"] is True
    assert slow.is_alive()  # still running: the fast queries went to the other worker
    slow.join(120)
    assert answer[0][0] == 503
    assert answer[0][2].startswith("Timeout")


def test_a_full_queue_is_a_503_with_retry_after() -> None:
    srv = start_endpoint(workers=1, queue_size=0, timeout=10)
    try:
        slow = threading.Thread(target=get, args=(srv, SLOW))
        slow.start()
        wait_until_running(srv.pool.pids[0])
        status, headers, body = get(srv, FAST)
        assert status == 503
        assert headers["retry-after"] == "5"
        assert body.startswith("Busy:")
        slow.join(60)
        assert get(srv, FAST)[0] == 200
    finally:
        stop_endpoint(srv)
