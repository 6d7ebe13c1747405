"""Defence in depth: the endpoint's query workers cannot reach the network even if the check fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sparql_fixtures import SEED, Listener, start_endpoint, stop_endpoint
from worker_handlers import run_unchecked

from graphkit.sparql.worker import WorkerPool

SERVICE = "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def unchecked_pool():
    pool = WorkerPool(SEED, run_unchecked, size=1, timeout=20)
    pool.start()
    if not pool.isolated:
        pool.close()
        pytest.skip(f"this kernel refuses network namespaces here: {pool.isolation}")
    yield pool
    pool.close()


def test_an_unchecked_service_query_connects_when_run_in_process(listener: Listener) -> None:
    """The control: without the worker's isolation, the engine does call out (so the next test can fail)."""
    import threading

    from graphkit.rdf.store import open_store

    dataset = open_store(SEED, engine="oxigraph")
    thread = threading.Thread(
        target=run_unchecked, args=(dataset, {"query": SERVICE.format(url=listener.url)}), daemon=True
    )
    thread.start()
    assert listener.connected(wait=10)
    thread.join(10)


@pytest.mark.parametrize("form", ["SELECT", "SILENT", "OPTIONAL"])
def test_an_unchecked_service_query_in_a_worker_connects_nowhere(unchecked_pool, listener, form) -> None:
    query = {
        "SELECT": SERVICE.format(url=listener.url),
        "SILENT": f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}",
        "OPTIONAL": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{listener.url}> {{ ?s ?p ?x }} }} }}",
    }[form]
    reply = unchecked_pool.run({"query": query})
    assert not listener.connected(wait=1)
    if form == "SELECT":
        assert reply.status == 502  # the engine could not connect: no route in the worker's namespace
        assert b"Network is unreachable" in reply.body


def test_workers_live_in_their_own_network_namespace() -> None:
    server = start_endpoint(workers=2)
    try:
        if not server.pool.isolated:
            pytest.skip(f"this kernel refuses network namespaces here: {server.pool.isolation}")
        ours = os.readlink("/proc/self/ns/net")
        theirs = {os.readlink(f"/proc/{pid}/ns/net") for pid in server.pool.pids}
        assert ours not in theirs
        assert len(theirs) == 2  # one empty namespace each
        assert "network namespace" in server.limits
        interfaces = Path(f"/proc/{server.pool.pids[0]}/net/dev").read_text().splitlines()[2:]
        assert [line.split(":")[0].strip() for line in interfaces] == ["lo"]  # and lo is down
    finally:
        stop_endpoint(server)


@pytest.fixture(scope="module")
def endpoint():
    server = start_endpoint(workers=1)
    yield server
    stop_endpoint(server)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_carriage_return_bypass_through_the_endpoint_connects_nowhere(endpoint, listener, method) -> None:
    """The issue's query, sent as a browser-less client would: refused, or run where nothing is reachable."""
    import http.client
    import urllib.parse

    query = f"ASK {{ # c\rSERVICE <{listener.url}> {{ ?s ?p ?o }}\n }}"
    conn = http.client.HTTPConnection(*endpoint.server_address[:2], timeout=60)
    if method == "GET":
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
    else:
        body = urllib.parse.urlencode({"query": query})
        conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status != 200 or endpoint.pool.isolated
    assert not listener.connected(wait=1)
