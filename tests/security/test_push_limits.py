"""Item 9: a store that stalls or trickles cannot hang `push`; a failure part-way names what was replaced."""

from __future__ import annotations

import json

import pytest
from bounded import run_python
from hostile_http import HostileServer, answer, stall, trickle
from sparql_fixtures import SEED

GRAPHS = [
    "https://w3id.org/graphkit/id/document/meridian-2023",
    "https://w3id.org/graphkit/id/document/state-2021",
    "https://w3id.org/graphkit/id/graph/corpus",
    "https://w3id.org/graphkit/id/graph/entities",
]

PUSH = """
import json
from graphkit.sparql.push import PushError, push
try:
    report = push({seed!r}, {url!r}, timeout={timeout}, deadline={deadline})
    print(json.dumps({{"ok": report.graphs}}))
except PushError as exc:
    print(json.dumps({{"error": str(exc), "replaced": exc.replaced, "failed": exc.failed,
                      "not_sent": exc.not_sent}}))
"""


def run_push(url: str, *, timeout: float = 2, deadline: float = 600, seconds: float = 60) -> dict:
    """Push the seed dataset from a bounded child; return what it printed."""
    code = PUSH.format(seed=str(SEED), url=url, timeout=timeout, deadline=deadline)
    outcome = run_python(code, seconds=seconds)
    assert not outcome.timed_out, "push hung"
    assert outcome.returncode == 0, outcome.stderr
    return json.loads(outcome.stdout)


@pytest.fixture
def hostile(request):
    server = HostileServer(request.param)
    yield server
    server.close()


@pytest.mark.parametrize("hostile", [stall, trickle], indirect=True, ids=["stall", "trickle"])
def test_a_store_that_stalls_or_trickles_is_cut_off_by_the_timeout(hostile) -> None:
    result = run_push(hostile.url, timeout=2)
    message = result["error"]
    assert message.startswith(f"push to {hostile.url} failed at graph 1 of 4, <{GRAPHS[0]}>: ")
    assert f"no complete answer from {hostile.url}?graph=" in message
    assert " within 2 s (it may or may not have been applied)" in message  # the PUT was sent
    assert result["replaced"] == []
    assert result["failed"] == GRAPHS[0]
    assert result["not_sent"] == GRAPHS[1:]


def slow_yes(server, conn, index) -> None:
    """Accept every graph, each after 3 s."""
    server.read(conn)
    server.closing.wait(3)
    answer(conn, "204 No Content")


@pytest.mark.parametrize("hostile", [slow_yes], indirect=True)
def test_the_deadline_bounds_the_whole_push(hostile) -> None:
    result = run_push(hostile.url, timeout=20, deadline=7.5)  # each PUT fits; all four do not
    assert result["replaced"] == GRAPHS[:2]
    assert result["failed"] == GRAPHS[2]
    assert "failed at graph 3 of 4" in result["error"]


def fail_third(server, conn, index) -> None:
    server.read(conn)
    if index == 2:
        answer(conn, "507 Insufficient Storage", b"disk full\x1b[2J")
    else:
        answer(conn, "204 No Content")


@pytest.mark.parametrize("hostile", [fail_third], indirect=True)
def test_a_failure_part_way_names_what_was_and_was_not_replaced(hostile) -> None:
    result = run_push(hostile.url)
    assert result["replaced"] == GRAPHS[:2]
    assert result["failed"] == GRAPHS[2]
    assert result["not_sent"] == GRAPHS[3:]
    message = result["error"]
    assert message.startswith(f"push to {hostile.url} failed at graph 3 of 4, <{GRAPHS[2]}>: ")
    assert "the store answered 507 Insufficient Storage: disk full [2J" in message  # no escape byte
    assert "(the store kept its previous version)" in message
    assert f"Replaced: <{GRAPHS[0]}>, <{GRAPHS[1]}>. Not sent: <{GRAPHS[3]}>." in message
    assert "run the push again" in message
    assert len(hostile.requests) == 3  # it stopped at the failure


def drop_third(server, conn, index) -> None:
    server.read(conn)
    if index != 2:
        answer(conn, "204 No Content")


@pytest.mark.parametrize("hostile", [drop_third], indirect=True)
def test_a_dropped_connection_after_the_request_may_have_applied(hostile) -> None:
    result = run_push(hostile.url)
    assert result["replaced"] == GRAPHS[:2]
    assert "(it may or may not have been applied)" in result["error"]


def basic_auth_then_fail(server, conn, index) -> None:
    server.read(conn)
    answer(conn, "401 Unauthorized", b"wrong password for alice:s3cret")


@pytest.mark.parametrize("hostile", [basic_auth_then_fail], indirect=True)
def test_credentials_in_the_url_are_sent_as_basic_auth_and_never_shown(hostile) -> None:
    url = hostile.url.replace("http://", "http://alice:s3cret@")
    result = run_push(url)
    assert b"Authorization: Basic YWxpY2U6czNjcmV0" in hostile.requests[0]
    message = result["error"]
    assert message.startswith("push to http://***@127.0.0.1:")
    assert message.endswith(
        "the store answered 401 Unauthorized: wrong password for alice:***; nothing was replaced"
    )
    assert "s3cret" not in message


def redirect_elsewhere(server, conn, index) -> None:
    server.read(conn)
    answer(conn, "307 Temporary Redirect", headers={"Location": server.elsewhere})


@pytest.mark.parametrize("hostile", [redirect_elsewhere], indirect=True)
def test_a_redirect_to_another_host_is_not_followed(hostile, listener) -> None:
    hostile.elsewhere = listener.url
    result = run_push(hostile.url)
    assert "redirected (307) to " + listener.url in result["error"]
    assert "use the new URL directly if you trust it" in result["error"]
    assert not listener.connected()
