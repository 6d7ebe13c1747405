"""Item 2: a query that would grow without end meets the worker's memory cap; the server serves on.

The whole server runs in a bounded child (4 GiB, 120 s), so with the cap removed the case fails on
its own (the worker runs into the time limit instead) without hurting the machine.
"""

from __future__ import annotations

import json

from bounded import run_python
from sparql_fixtures import SEED
from worker_handlers import allocate_without_end

from graphkit.sparql.worker import WorkerPool

#: Three unbound patterns and a sort: every row of the cube must be held at once (~10 GB uncapped).
WORST = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c . ?x ?y ?z } ORDER BY ?o ?c ?z"

SERVER = """
import http.client, json, threading, urllib.parse
from graphkit.sparql.endpoint import make_server

srv = make_server("data/build/graphkit.nq", port=0, workers=1, memory_limit={limit}, timeout={timeout})
threading.Thread(target=srv.serve_forever, daemon=True).start()

def get(query):
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=60)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({{"query": query}}))
    response = conn.getresponse()
    return response.status, response.read().decode()

print(json.dumps([get({worst!r}), get("ASK {{ ?s ?p ?o }}")]))
srv.shutdown()
srv.close()
"""


def test_the_worst_query_hits_the_memory_cap_and_the_server_serves_on() -> None:
    code = SERVER.format(limit=256 * 1024**2, timeout=10, worst=WORST)
    outcome = run_python(code, memory=4 * 1024**3, seconds=120)
    assert not outcome.timed_out, outcome.stderr
    assert outcome.returncode == 0, outcome.stderr
    (status, body), (next_status, next_body) = json.loads(outcome.stdout)
    assert status == 503
    assert body.startswith("Out of memory: the query needed more than the worker's memory limit (256 MiB)")
    assert next_status == 200
    assert json.loads(next_body)["boolean"] is True
    assert "Traceback" not in outcome.stderr


def test_a_python_memory_error_in_a_worker_is_answered_503_and_the_worker_lives_on() -> None:
    pool = WorkerPool(SEED, allocate_without_end, size=1, memory_limit=512 * 1024**2, timeout=10)
    pool.start()
    try:
        pid = pool.pids[0]
        reply = pool.run({})
        assert reply.status == 503
        assert reply.body.startswith(
            b"Out of memory: the query needed more than the worker's memory limit (512 MiB)"
        )
        assert pool.pids == [pid]  # Python freed the memory: the same worker goes on
    finally:
        pool.close()
