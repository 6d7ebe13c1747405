"""Small HTTP helpers for the endpoint cases: one request, and waiting until a worker is busy."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from pathlib import Path

#: Five unbound patterns counted: billions of rows and no memory, so it runs until stopped.
#: Runs for minutes on any of the test datasets (a six-way cross product: 39 default-graph triples
#: of the SPARQL seed give 3.5 billion rows to count), so a timeout always ends it first.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
FAST = "ASK { ?s a schema:Person }"


def get(server, query: str, headers: dict | None = None) -> tuple[int, dict, str]:
    """GET /sparql?query=...; return status, lowercased headers and the body as text."""
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=120)
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def answers_true(server) -> bool:
    """Say whether the endpoint answers the fast ASK with true (it is up and serving)."""
    status, _, body = get(server, FAST)
    return status == 200 and json.loads(body)["boolean"] is True


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_until_running(pid: int, *, ticks: int = 20, limit: float = 60.0) -> None:
    """Wait until the worker ``pid`` has spent ``ticks`` of CPU: it is answering a query."""
    start, deadline = cpu_ticks(pid), time.monotonic() + limit
    while cpu_ticks(pid) - start < ticks:
        if time.monotonic() > deadline:
            raise AssertionError(f"worker {pid} never started the query")
        time.sleep(0.05)


def wait_until_running_any(pids: list[int], *, ticks: int = 20, limit: float = 60.0) -> None:
    """Wait until one of the workers ``pids`` has spent ``ticks`` of CPU: it is answering a query."""
    start, deadline = {pid: cpu_ticks(pid) for pid in pids}, time.monotonic() + limit
    while all(cpu_ticks(pid) - start[pid] < ticks for pid in pids):
        if time.monotonic() > deadline:
            raise AssertionError(f"none of the workers {pids} started the query")
        time.sleep(0.05)
