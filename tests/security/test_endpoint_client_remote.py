"""Item 10 and 9 for `--endpoint`: the query client follows no redirect elsewhere, hides credentials,
cannot be hung by a trickling server and prints no control characters from the remote side."""

from __future__ import annotations

import json

import pytest
from bounded import run_cli, run_python
from hostile_http import HostileServer, answer, stall, trickle

ASK = "ASK { ?s ?p ?o }"


@pytest.fixture
def hostile(request):
    server = HostileServer(request.param)
    yield server
    server.close()


def redirect_elsewhere(server, conn, index) -> None:
    server.read(conn)
    answer(conn, "302 Found", headers={"Location": server.elsewhere})


@pytest.mark.parametrize("hostile", [redirect_elsewhere], indirect=True)
def test_a_302_to_another_host_is_not_followed(hostile, listener) -> None:
    hostile.elsewhere = listener.url
    outcome = run_cli("query", "--endpoint", hostile.url, ASK, seconds=60)
    assert outcome.returncode == 2
    assert f"redirected (302) to {listener.url}" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not listener.connected()  # neither the POST nor a GET went there
    assert hostile.requests[0].startswith(b"POST /store HTTP/1.1")


def redirect_same_host_then_answer(server, conn, index) -> None:
    request = server.read(conn)
    if index == 0:
        answer(conn, "307 Temporary Redirect", headers={"Location": "/moved"})
    else:
        assert request.startswith(b"POST /moved ")
        answer(
            conn,
            "200 OK",
            b'{"head": {}, "boolean": true}',
            {"Content-Type": "application/sparql-results+json"},
        )


@pytest.mark.parametrize("hostile", [redirect_same_host_then_answer], indirect=True)
def test_a_307_on_the_same_host_is_followed_with_its_method_and_body(hostile) -> None:
    from graphkit.sparql.engine import run_query

    assert run_query(hostile.url, ASK).boolean is True
    assert hostile.requests[1].startswith(b"POST /moved ")
    assert b"query=" in hostile.requests[1]


def refuse_with_escapes(server, conn, index) -> None:
    server.read(conn)
    answer(conn, "401 Unauthorized", b"\x1b]0;owned\x07\x1b[2Jno entry for reader:hunter2")


@pytest.mark.parametrize("hostile", [refuse_with_escapes], indirect=True)
def test_credentials_are_redacted_and_remote_text_is_made_safe(hostile) -> None:
    url = hostile.url.replace("http://", "http://reader:hunter2@")
    outcome = run_cli("query", "--endpoint", url, ASK, seconds=60)
    assert outcome.returncode == 2
    assert "hunter2" not in outcome.stderr
    assert "http://***@127.0.0.1:" in outcome.stderr
    assert "\x1b" not in outcome.stderr
    assert "\x07" not in outcome.stderr
    assert b"Authorization: Basic cmVhZGVyOmh1bnRlcjI=" in hostile.requests[0]


@pytest.mark.parametrize("hostile", [stall, trickle], indirect=True, ids=["stall", "trickle"])
def test_a_stalling_or_trickling_endpoint_is_cut_off(hostile) -> None:
    code = f"""
import json
from graphkit.errors import QueryError
from graphkit.sparql.engine import Endpoint, run_query
try:
    run_query(Endpoint({hostile.url!r}, timeout=2), {ASK!r})
except QueryError as exc:
    print(json.dumps(str(exc)))
"""
    outcome = run_python(code, seconds=60)
    assert not outcome.timed_out, "the query client hung"
    assert json.loads(outcome.stdout) == f"no complete answer from {hostile.url} within 2 s"
