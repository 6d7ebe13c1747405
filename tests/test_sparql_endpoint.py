"""The read-only SPARQL 1.1 Protocol endpoint, over loopback HTTP."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from sparql_fixtures import Listener, fixture_listener, fixture_seed_ox, start_endpoint, stop_endpoint  # noqa: F401 - fixtures

from graphkit.sparql.endpoint import negotiate

PERSONS = "SELECT ?s WHERE { ?s a schema:Person } ORDER BY ?s"


@pytest.fixture(scope="module")
def server() -> Iterator:
    srv = start_endpoint(max_rows=100, timeout=20)
    yield srv
    stop_endpoint(srv)


def request(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def get(server, query: str, accept: str | None = None, **extra):
    qs = urllib.parse.urlencode({"query": query, **extra})
    return request(server, "GET", f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


def test_get_select_json(server) -> None:
    status, headers, body = get(server, PERSONS)
    assert status == 200
    assert headers["content-type"] == "application/sparql-results+json"
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["s"]
    assert len(doc["results"]["bindings"]) == 3
    assert "x-graphkit-truncated" not in headers


def test_post_form_and_direct(server) -> None:
    form = urllib.parse.urlencode({"query": PERSONS}).encode()
    status, _, body = request(
        server, "POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 3
    status, headers, body = request(
        server,
        "POST",
        "/sparql",
        PERSONS.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200
    assert headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == "s"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_negotiation_for_tables(server, accept: str, media: str) -> None:
    status, headers, _ = get(server, PERSONS, accept)
    assert status == 200
    assert headers["content-type"].startswith(media)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
    ],
)
def test_negotiation_for_graphs(server, accept, media) -> None:
    status, headers, body = get(server, "DESCRIBE gkd:imelda-poole", accept)
    assert status == 200
    assert headers["content-type"].startswith(media)
    assert b"imelda-poole" in body


def test_406_415_and_negotiate() -> None:
    assert negotiate("image/png", "SELECT") is None
    assert negotiate(None, "ASK") == "json"
    assert negotiate("text/*", "CONSTRUCT") == "turtle"
    assert negotiate("application/sparql-results+json;q=0", "SELECT") is None


def test_unacceptable_and_unsupported(server) -> None:
    status, _, body = get(server, PERSONS, "image/png")
    assert status == 406
    assert b"text/csv" in body
    status, _, _ = request(server, "POST", "/sparql", b"{}", {"Content-Type": "application/json"})
    assert status == 415


def test_malformed_query_is_400_with_message(server) -> None:
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert b"line 1, column" in body


@pytest.mark.parametrize(
    ("method", "path", "body", "ctype"),
    [
        ("POST", "/sparql", b"DROP ALL", "application/sparql-update"),
        ("POST", "/sparql", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        ("POST", "/sparql", b"query=DROP+ALL", "application/x-www-form-urlencoded"),
        ("GET", "/sparql?query=LOAD+%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E", None, None),
    ],
)
def test_updates_are_refused(server, method, path, body, ctype) -> None:
    status, _, text = request(server, method, path, body, {"Content-Type": ctype} if ctype else {})
    assert status == 403
    assert b"read-only" in text
    assert get(server, "ASK { ?s ?p ?o }")[0] == 200  # still answering, dataset intact
    assert (
        json.loads(get(server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[2])["results"]["bindings"][0]["n"][
            "value"
        ]
        == "72"
    )


def test_other_methods_are_405(server) -> None:
    assert request(server, "PUT", "/sparql", b"x", {"Content-Type": "text/turtle"})[0] == 405
    assert request(server, "DELETE", "/sparql")[0] == 405


def test_service_is_refused_and_nothing_connects(server, listener: Listener) -> None:
    query = f"SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }} }}"
    status, _, body = get(server, query)
    assert status == 403
    assert b"SERVICE" in body
    status, _, _ = get(server, f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}")
    assert status == 403
    assert not listener.connected()


def test_dataset_protocol_parameters_are_refused(server, listener: Listener) -> None:
    status, _, _ = get(server, PERSONS, **{"default-graph-uri": listener.url})
    assert status == 400
    assert not listener.connected()


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8000", "192.168.1.5", ""])
def test_foreign_host_headers_are_refused(server, host: str) -> None:
    host_addr, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host_addr, port, timeout=10)
    conn.putrequest("GET", "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", skip_host=True)
    if host:
        conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 400
    conn.close()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]:8000", "LOCALHOST:1234"])
def test_loopback_host_headers_are_accepted(server, host: str) -> None:
    status, _, _ = request(server, "GET", "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", headers={"Host": host})
    assert status == 200


def test_request_size_cap(server) -> None:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(300 * 1024))
    conn.endheaders()  # the body is never sent: the server must answer from the headers
    response = conn.getresponse()
    assert response.status == 413
    conn.close()
    status, _, _ = request(server, "GET", "/sparql?query=" + "%20" * (300 * 1024) + "ASK%7B%7D")
    assert status in (414, 431, 400)


def test_cors_is_off_by_default(server) -> None:
    status, headers, body = request(
        server, "GET", "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", headers={"Origin": "http://evil.example"}
    )
    assert status == 403
    assert b"cross-origin request from http://evil.example" in body
    assert "access-control-allow-origin" not in headers
    status, headers, _ = request(server, "OPTIONS", "/sparql", headers={"Origin": "http://evil.example"})
    assert status == 403
    assert "access-control-allow-origin" not in headers


def test_own_page_origin_is_accepted(server) -> None:
    host, port = server.server_address[:2]
    own = {"Origin": f"http://{host}:{port}", "Sec-Fetch-Site": "same-origin"}
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    status, headers, body = request(
        server, "POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded", **own}
    )
    assert status == 200
    assert json.loads(body)["boolean"] is True
    assert "access-control-allow-origin" not in headers


def test_cors_when_configured() -> None:
    srv = start_endpoint(cors_origins=["http://app.example"])
    try:
        _, headers, _ = request(
            srv, "GET", "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", headers={"Origin": "http://app.example"}
        )
        assert headers["access-control-allow-origin"] == "http://app.example"
        status, headers, _ = request(
            srv, "GET", "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", headers={"Origin": "http://other.example"}
        )
        assert status == 403
        assert "access-control-allow-origin" not in headers
    finally:
        stop_endpoint(srv)


def test_row_cap_is_signalled() -> None:
    srv = start_endpoint(max_rows=2)
    try:
        status, headers, body = get(srv, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 200
        assert headers["x-graphkit-truncated"] == "true"
        assert headers["x-sparql-maxrows"] == "2"
        assert len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        stop_endpoint(srv)


def test_timeout_stops_the_query_and_the_endpoint_recovers() -> None:
    srv = start_endpoint(timeout=2)
    try:
        old_pids = set(srv.pool.pids)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        started = time.monotonic()
        status, _, body = get(srv, slow)
        assert status == 503
        assert b"Timeout" in body
        assert time.monotonic() - started < 10
        status, _, body = get(srv, "ASK { ?s a schema:Person }")
        assert status == 200
        assert json.loads(body)["boolean"] is True
        assert len(set(srv.pool.pids) - old_pids) == 1  # the slow query's worker was replaced
    finally:
        stop_endpoint(srv)


def test_html_page_is_safe(server) -> None:
    status, headers, body = request(server, "GET", "/")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert b"explorer.js" in body
    assert b'id="graph-link" hidden' in body
    status, _, js = request(server, "GET", "/static/explorer.js")
    assert status == 200
    assert b"innerHTML" not in js
    assert b"textContent" in js
    status, _, questions = request(server, "GET", "/queries.json")
    assert status == 200
    assert {"documents", "evidence"} <= {q["name"] for q in json.loads(questions)}


def test_graph_page_link_when_configured(tmp_path) -> None:
    page = tmp_path / "graph.html"
    page.write_text("<html><body>graph</body></html>", encoding="utf-8")
    srv = start_endpoint(graph_page=page)
    try:
        _, _, body = request(srv, "GET", "/")
        assert b'id="graph-link" hidden' not in body
        assert b'href="/graph"' in body
        status, _, body = request(srv, "GET", "/graph")
        assert status == 200
        assert b"graph" in body
    finally:
        stop_endpoint(srv)


def test_sparqlwrapper_client(server) -> None:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(server.url)
    client.setQuery("PREFIX schema: <https://schema.org/> " + PERSONS)
    client.setReturnFormat(sparqlwrapper.JSON)
    doc = client.query().convert()
    assert [b["s"]["value"].rsplit("/", 1)[1] for b in doc["results"]["bindings"]] == [
        "antony-blinken",
        "imelda-poole",
        "zaheer-ahmed",
    ]
    client.setMethod(sparqlwrapper.POST)
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert()["boolean"] is True
    client.setMethod(sparqlwrapper.GET)
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://schema.org/Country> ; ?p ?o }")
    client.setReturnFormat(sparqlwrapper.TURTLE)
    assert b"albania" in client.query().convert()
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(sparqlwrapper.JSON)
    with pytest.raises(sparqlwrapper.SPARQLExceptions.QueryBadFormed):
        client.query()


def test_remote_mode_against_our_endpoint(server, seed_ox) -> None:
    from graphkit.sparql.engine import run_query

    text = "SELECT ?hero ?year WHERE { ?c gk:recipient ?hero ; gk:awardYear ?year } ORDER BY ?year"
    remote = run_query(server.url, text, bindings={"hero": "gkd:zaheer-ahmed"})
    local = run_query(seed_ox, text, bindings={"hero": "gkd:zaheer-ahmed"})
    assert remote.rows == local.rows
    assert remote.columns == local.columns
    graph = run_query(server.url, "DESCRIBE gkd:imelda-poole")
    assert len(graph.graph) == len(run_query(seed_ox, "DESCRIBE gkd:imelda-poole").graph)


def test_missing_dataset_is_an_input_error(tmp_path) -> None:
    from graphkit.errors import InputError
    from graphkit.sparql.endpoint import make_server

    with pytest.raises(InputError):
        make_server(tmp_path / "none.nq", port=0)
    bad = tmp_path / "bad.nq"
    bad.write_text("this is not n-quads\n", encoding="utf-8")
    with pytest.raises(InputError):
        make_server(bad, port=0)


def test_limits_are_validated_and_reported(tmp_path) -> None:
    from sparql_fixtures import SEED

    from graphkit.errors import InputError
    from graphkit.sparql.endpoint import make_server

    with pytest.raises(InputError, match="memory limit of 1 MiB is too small to load anything"):
        make_server(SEED, port=0, memory_limit=1024**2)
    with pytest.raises(InputError, match="workers must be at least 1"):
        make_server(SEED, port=0, workers=0)
    srv = start_endpoint(workers=1, memory_limit=512 * 1024**2, timeout=5, queue_size=3)
    try:
        assert srv.limits.startswith("1 query worker(s), ")
        assert srv.limits.endswith("each query: 5 s, memory 512 MiB, 10,000 rows; queue 3")
    finally:
        stop_endpoint(srv)


def test_more_routes_can_be_added(server) -> None:
    from graphkit.sparql.endpoint import Route

    server.get_routes["/hello"] = Route(lambda handler, params: handler._send(200, b"hi"), page=True)
    try:
        status, _, body = request(
            server, "GET", "/hello", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
        )
        assert (status, body) == (200, b"hi")
    finally:
        del server.get_routes["/hello"]
