"""The explorer's API under hostile input: refused with a clear 400, nothing reaches the network.

Every case goes through a real ``graphkit serve`` on 127.0.0.1 (the API runs in
its query worker, under the endpoint's time limit), and a loopback listener
records whether anything tried to connect out.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sparql_fixtures import start_endpoint, stop_endpoint

DATASET = Path(__file__).resolve().parents[2] / "data" / "build" / "graphkit.nq"


@pytest.fixture(scope="module")
def base():
    srv = start_endpoint(DATASET, timeout=20)
    yield srv.url.removesuffix("/sparql")
    stop_endpoint(srv)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _injections(port: int) -> list[str]:
    service = f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?a ?b ?c }}"
    return [
        f"urn:x> . }} {service} #",
        f"https://w3id.org/graphkit/id/x>}}{service}<urn:y",
        f"urn:x>\n}} {service}\n#",
        "<https://w3id.org/graphkit/id/zaheer-ahmed",
        "not an iri",
    ]


@pytest.mark.parametrize("case", range(5))
@pytest.mark.parametrize("field", ["iri", "s", "focus"])
def test_hostile_iris_are_refused_and_never_connect(base, listener, case, field):
    value = _injections(listener.port)[case]
    if field == "iri":
        path = "/api/evidence?" + urllib.parse.urlencode({"iri": value})
    elif field == "s":
        path = "/api/evidence?" + urllib.parse.urlencode({"s": value, "p": "urn:p", "o": "urn:o"})
    else:
        path = "/api/graph?" + urllib.parse.urlencode({"name": "heroes", "focus": value})
    status, body = _get(base + path)
    assert status in (400, 404), body
    assert json.loads(body)["error"]
    assert not listener.connected()


def test_hostile_parameters_of_named_questions_are_bound_as_values(base, listener):
    label = f'x" }} SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?a ?b ?c }} #'
    status, body = _get(base + "/api/run?" + urllib.parse.urlencode({"name": "evidence", "label": label}))
    assert status == 200
    assert json.loads(body)["rows"] == []
    assert not listener.connected()


def _comment_bypass(base: str, port: int) -> tuple[int, bytes]:
    query = f"SELECT * WHERE {{ # c\rSERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}\n }}"
    return _get(base + "/api/query?" + urllib.parse.urlencode({"query": query}))


def test_a_free_query_never_connects_out(base, listener):
    status, body = _comment_bypass(base, listener.port)
    assert not listener.connected()
    assert status in (200, 503), body


def test_a_free_query_with_the_comment_bypass_is_refused(base, listener):
    status, body = _comment_bypass(base, listener.port)
    assert status == 200
    assert json.loads(body)["refused"] is True


@pytest.mark.parametrize(
    "path",
    [
        "/static/../endpoint.py",
        "/static/%2e%2e/api.py",
        "/static/NOTICE.md",
        "/static//etc/passwd",
        "/api/../sparql",
    ],
)
def test_only_the_known_files_are_served(base, path):
    status, _ = _get(base + path)
    assert status in (400, 404)


def test_document_offsets_must_be_numbers_inside_the_document(base):
    for query in (
        "id=meridian-2023-ivlp-tip-heroes&start=-1&end=5",
        "id=meridian-2023-ivlp-tip-heroes&start=0&end=99999999",
        "id=../../etc/passwd&start=0&end=1",
    ):
        status, body = _get(base + "/api/document?" + query)
        assert status in (400, 404), body
