"""Item 1, the endpoint's side: a web page from another origin cannot make it run a query or read an answer.

Header cases speak HTTP directly; the browser cases open a hostile page in Chromium, served from
another origin on loopback, and check that no query reached the workers.
"""

from __future__ import annotations

import http.client
import http.server
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
from endpoint_client import FAST
from sparql_fixtures import start_endpoint, stop_endpoint

FORM = urllib.parse.urlencode({"query": FAST}).encode()
FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}


class CountingPool:
    """Wraps the server's worker pool and records every job that reaches it."""

    def __init__(self, pool) -> None:
        self.pool, self.jobs = pool, []

    def run(self, job):
        self.jobs.append(job)
        return self.pool.run(job)

    def __getattr__(self, name):
        return getattr(self.pool, name)


@pytest.fixture(scope="module")
def server() -> Iterator:
    srv = start_endpoint(workers=1)
    srv.pool = CountingPool(srv.pool)
    yield srv
    srv.pool = srv.pool.pool
    stop_endpoint(srv)


def send(server, method: str, path: str, headers: dict, body: bytes | None = None):
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def own_origin(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


QUERY_PATH = "/sparql?" + urllib.parse.urlencode({"query": FAST})


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1"},  # same host, another port: another origin
        {"Origin": "https://127.0.0.1"},
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
        {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors"},
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"},  # a link to /sparql?query=
    ],
    ids=["foreign", "null", "other-port", "other-scheme", "cross-site", "same-site", "navigate"],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_cross_site_requests_are_refused_before_anything_runs(server, headers, method) -> None:
    before = len(server.pool.jobs)
    if method == "GET":
        status, got, body = send(server, "GET", QUERY_PATH, headers)
    else:
        status, got, body = send(server, "POST", "/sparql", {**headers, **FORM_TYPE}, FORM)
    assert status == 403
    assert body.startswith("Forbidden: cross-")
    assert "--cors ORIGIN" in body
    assert not any(key.startswith("access-control-") for key in got)
    assert len(server.pool.jobs) == before  # refused at the door: no worker saw it


def test_a_simple_form_post_is_refused_from_its_headers_alone(server) -> None:
    """The body is never sent: the refusal cannot depend on reading (or running) it."""
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    conn.putrequest("POST", "/sparql")
    for key, value in {"Origin": "http://evil.example", "Content-Length": "100000", **FORM_TYPE}.items():
        conn.putheader(key, value)
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 403
    conn.close()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # curl, SPARQLWrapper, graphkit's own client
        {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"},  # typed in the address bar
        {"Sec-Fetch-Site": "same-origin"},
    ],
    ids=["no-browser", "address-bar", "same-origin"],
)
def test_clients_and_the_own_page_are_answered(server, headers) -> None:
    status, _, _ = send(server, "GET", QUERY_PATH, headers)
    assert status == 200
    origin = {"Origin": own_origin(server), "Sec-Fetch-Site": "same-origin"}
    status, _, _ = send(server, "POST", "/sparql", {**origin, **FORM_TYPE}, FORM)
    assert status == 200


def test_a_link_from_another_site_may_open_the_page_not_run_a_query(server) -> None:
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    status, _, body = send(server, "GET", "/", link)
    assert status == 200
    assert "<textarea" in body
    assert send(server, "GET", "/queries.json", link)[0] == 403


def test_a_configured_origin_may_query_and_read() -> None:
    srv = start_endpoint(cors_origins=["http://app.example"])
    try:
        app = {"Origin": "http://app.example", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}
        status, headers, _ = send(srv, "POST", "/sparql", {**app, **FORM_TYPE}, FORM)
        assert status == 200
        assert headers["access-control-allow-origin"] == "http://app.example"
        status, headers, _ = send(srv, "OPTIONS", "/sparql", app)
        assert status == 204
        assert "POST" in headers["access-control-allow-methods"]
        other = {"Origin": "http://evil.example"}
        assert send(srv, "POST", "/sparql", {**other, **FORM_TYPE}, FORM)[0] == 403
    finally:
        stop_endpoint(srv)


# ----------------------------------------------------------------- in a real browser


HOSTILE_PAGE = """<!doctype html><meta charset="utf-8"><title>hostile</title>
<form id="f" method="POST" action="{endpoint}" enctype="application/x-www-form-urlencoded">
<input type="hidden" name="query" value="ASK {{ ?s ?p ?o }}"></form>
<script>
window.results = {{}};
(async () => {{
  const query = "query=ASK%7B%3Fs%3Fp%3Fo%7D";
  try {{ const r = await fetch("{endpoint}?" + query); window.results.cors = await r.text(); }}
  catch (e) {{ window.results.cors = "blocked: " + e.name; }}
  try {{
    const r = await fetch("{endpoint}", {{method: "POST", mode: "no-cors", body: query,
      headers: {{"Content-Type": "application/x-www-form-urlencoded"}}}});
    window.results.nocors = r.type + ":" + (await r.text());
  }} catch (e) {{ window.results.nocors = "blocked: " + e.name; }}
  window.results.done = true;
}})();
</script>"""


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import sync_playwright
    from viz_graphs import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def hostile_site(server):
    """A page on http://localhost:PORT (another site than 127.0.0.1) that attacks the endpoint."""
    page = HOSTILE_PAGE.format(endpoint=server.url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield f"http://localhost:{site.server_address[1]}/"
    site.shutdown()
    site.server_close()


def test_a_hostile_page_in_chromium_cannot_run_or_read_a_query(server, browser, hostile_site) -> None:
    before = len(server.pool.jobs)
    page = browser.new_page()
    try:
        page.goto(hostile_site)
        page.wait_for_function("window.results && window.results.done", timeout=30_000)
        results = page.evaluate("window.results")
        assert results["cors"] == "blocked: TypeError"  # no CORS header: the answer is unreadable
        assert results["nocors"] == "opaque:"  # opaque, empty
        with page.expect_navigation():
            page.evaluate("document.getElementById('f').submit()")  # a classic cross-site form POST
        assert page.content().count("Forbidden: cross-origin request from http://localhost:") == 1
        assert len(server.pool.jobs) == before  # none of the three reached a worker
    finally:
        page.close()


def test_the_endpoints_own_page_still_queries_in_chromium(server, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(own_origin(server) + "/")
        answer = page.evaluate(
            """async () => {
              const body = new URLSearchParams({query: "ASK { ?s ?p ?o }"});
              const r = await fetch("/sparql", {method: "POST", body: body,
                                                headers: {"Accept": "application/sparql-results+json"}});
              return [r.status, (await r.json()).boolean];
            }"""
        )
        assert answer == [200, True]
    finally:
        page.close()
