"""A read-only SPARQL 1.1 Protocol endpoint over the built dataset.

``serve("data/build/graphkit.nq")`` answers at ``http://127.0.0.1:8000/sparql``:

* ``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded``
  (``query=...``) or ``application/sparql-query`` (the query as the body);
* results negotiated from ``Accept``: SPARQL JSON (default), XML, CSV, TSV for
  SELECT and ASK; Turtle (default), JSON-LD, N-Triples for CONSTRUCT and
  DESCRIBE; ``406`` when none is acceptable;
* ``400`` with a readable ``text/plain`` message for a malformed query;
  ``403`` for an update (``update=``, ``application/sparql-update`` or an
  update sent as a query), ``SERVICE`` or a foreign ``FROM``; ``415`` for
  another POST body type; ``413`` for a body over the request cap, ``414``
  for a URL over it; ``405`` for other methods;
* ``default-graph-uri`` / ``named-graph-uri`` are refused (``400``): name graphs
  with ``FROM`` / ``GRAPH`` in the query instead.

Safety.

* Queries run in a small pool of worker processes
  (:class:`~graphkit.sparql.worker.WorkerPool`, two by default), each in its
  own empty network namespace (no route anywhere, even if a query check were
  ever wrong) and with its address space capped (``memory_limit``, by default
  a quarter of the RAM, at most 2 GiB). A query that outlives the time limit
  is stopped by killing its worker and answered ``503``; one that needs more
  memory than the cap is answered ``503``; one that crashes the engine is
  answered ``500``. In every case a new worker takes its place and the server
  keeps serving. One slow query occupies one worker; requests wait for a free
  one in a bounded queue (``queue_size``) and get ``503`` with ``Retry-After``
  when it is full. The listen backlog is 128.
* Results longer than the row cap are cut and the cut is signalled by the
  headers ``X-Graphkit-Truncated: true`` and ``X-SPARQL-MaxRows: N`` (the
  header Virtuoso sends in the same case); the bodies stay standard.
* Requests whose ``Host`` is not ``localhost``, ``127.0.0.1``, ``[::1]``, the
  bound address or a configured name are refused (``400``), which defeats DNS
  rebinding. Requests a browser sends from another site (an ``Origin`` that
  is not the server's own, or ``Sec-Fetch-Site: cross-site`` / ``same-site``)
  are refused (``403``) before anything runs, unless the origin is configured
  with ``cors_origins``; so a web page cannot make the endpoint run a query,
  not even with a "simple" form POST, and CORS headers are sent only to
  configured origins. Following a link from another site may open the HTML
  pages, never ``/sparql``.
* The explorer at ``/`` (:mod:`graphkit.explorer`) renders everything as
  text nodes under a strict Content-Security-Policy; its ``/api/...``
  requests run in the query workers as queries do, and it links, when
  configured, to the interactive graph page served at ``/graph``. More pages
  are added as :class:`Route` entries of ``SparqlServer.get_routes``.

Examples
--------
>>> negotiate("text/csv, */*;q=0.1", "SELECT")
'csv'
>>> negotiate("application/sparql-results+json", "CONSTRUCT") is None
True
"""

from __future__ import annotations

import ipaddress
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from graphkit.errors import InputError
from graphkit.explorer import api as explorer_api
from graphkit.explorer.assets import CSP as EXPLORER_CSP
from graphkit.explorer.assets import PATHS as EXPLORER_PATHS
from graphkit.explorer.assets import static_file as explorer_file
from graphkit.sparql.results import MEDIA_TYPES, Format
from graphkit.sparql.safety import QueryForm
from graphkit.sparql.worker import Reply, WorkerPool, default_memory_limit, format_size, text_reply

__all__ = [
    "Route",
    "ServerConfig",
    "SparqlServer",
    "answer_query",
    "cross_site_refusal",
    "is_loopback",
    "make_server",
    "negotiate",
    "serve",
]

log = logging.getLogger("graphkit.sparql.endpoint")

#: Media types offered for each format, in the server's order of preference.
_OFFERS_TABLE: list[tuple[str, Format]] = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
_OFFERS_GRAPH: list[tuple[str, Format]] = [
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/ld+json", "json-ld"),
    ("application/json", "json-ld"),
    ("application/n-triples", "nt"),
    ("text/plain", "nt"),
]

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_CSP_GRAPH = (
    "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def negotiate(accept: str | None, form: QueryForm) -> Format | None:
    """Choose the result format for an ``Accept`` header.

    Parameters
    ----------
    accept : str or None
        The request's ``Accept`` header; missing or empty means anything.
    form : {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
        The query form: tables and graphs are offered in different types.

    Returns
    -------
    str or None
        The format (a key of :data:`graphkit.sparql.results.MEDIA_TYPES`),
        or None when nothing offered is acceptable (answer ``406``).
    """
    offers = _OFFERS_GRAPH if form in ("CONSTRUCT", "DESCRIBE") else _OFFERS_TABLE
    if not accept or not accept.strip():
        return offers[0][1]
    ranges: list[tuple[str, str, float, int]] = []
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append((main, sub, q, index))
    best: tuple[float, int, int, int] | None = None
    chosen: Format | None = None
    for server_rank, (media, fmt) in enumerate(offers):
        main, _, sub = media.partition("/")
        match: tuple[float, int, int] | None = None  # (q, specificity, -client order)
        for r_main, r_sub, q, index in ranges:
            if r_main == main and r_sub == sub:
                spec = 2
            elif r_main == main and r_sub == "*":
                spec = 1
            elif r_main == "*" and r_sub == "*":
                spec = 0
            else:
                continue
            if match is None or spec > match[1]:
                match = (q, spec, -index)
        if match is None or match[0] <= 0:
            continue
        key = (match[0], match[1], match[2], -server_rank)
        if best is None or key > best:
            best, chosen = key, fmt
    return chosen


@dataclass(frozen=True)
class ServerConfig:
    """What the endpoint serves and the limits it enforces.

    Attributes
    ----------
    dataset_path : Path
        The built dataset (``.nq``, ``.trig``...), loaded by each worker.
    engine : {"oxigraph", "memory"}
        The store engine (:func:`graphkit.rdf.store.open_store`).
    timeout : float
        Wall-clock seconds a query may run before its worker is killed; also
        the longest a request waits for a free worker.
    max_rows : int
        Most rows (or triples) in one answer; more are cut and signalled.
    max_request_bytes : int
        Largest POST body, and longest request URL, accepted.
    allowed_hosts : tuple of str
        Host names accepted besides localhost, 127.0.0.1, [::1] and the bound address.
    cors_origins : tuple of str
        Origins allowed to send queries and read results from a browser
        (``"*"`` for any); none by default.
    graph_page : Path or None
        An HTML file served at ``/graph`` and linked from ``/``.
    workers : int
        Query worker processes; one slow query occupies only one of them.
    memory_limit : int or None
        Address-space cap of each worker, in bytes (None: no cap).
    queue_size : int
        Requests that may wait for a worker; more are answered ``503`` at once.
    """

    dataset_path: Path
    engine: str = "oxigraph"
    timeout: float = 30.0
    max_rows: int = 10_000
    max_request_bytes: int = 256 * 1024
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    graph_page: Path | None = None
    workers: int = 2
    memory_limit: int | None = field(default_factory=default_memory_limit)
    queue_size: int = 64
    startup_timeout: float = field(default=600.0, repr=False)


# ----------------------------------------------------------------- inside a worker


def answer_query(dataset: Any, job: dict[str, Any]) -> Reply:
    """Check and run one query job inside a worker; return the HTTP reply.

    ``job`` holds ``query`` (the text), ``accept`` (the request's ``Accept``)
    and ``max_rows``. This is the handler the endpoint's
    :class:`~graphkit.sparql.worker.WorkerPool` runs.
    """
    from graphkit.errors import QueryError, UnsafeQueryError
    from graphkit.sparql.engine import run_query
    from graphkit.sparql.results import format_result
    from graphkit.sparql.safety import check_query

    if "api" in job:  # the explorer's API (graphkit.explorer.api)
        return Reply(*explorer_api.handle(dataset, job["api"], job["params"], max_rows=job["max_rows"]))
    try:
        checked = check_query(job["query"])
    except UnsafeQueryError as exc:
        return text_reply(403, f"Refused: {exc}")
    except QueryError as exc:
        return text_reply(400, f"Bad query: {exc}")
    fmt = negotiate(job.get("accept"), checked.form)
    if fmt is None:
        offers = _OFFERS_GRAPH if checked.form in ("CONSTRUCT", "DESCRIBE") else _OFFERS_TABLE
        types = ", ".join(dict.fromkeys(m for m, _ in offers))
        return text_reply(406, f"Not acceptable: the {checked.form} result can be sent as {types}")
    try:
        result = run_query(dataset, job["query"], max_rows=job["max_rows"])
        body = format_result(result, fmt).encode("utf-8")
    except UnsafeQueryError as exc:  # pragma: no cover - checked above
        return text_reply(403, f"Refused: {exc}")
    except QueryError as exc:
        if isinstance(exc.__cause__, MemoryError):
            raise exc.__cause__ from None  # the worker answers it as out of memory
        return text_reply(500, f"Query failed: {exc}")
    headers = {"Content-Type": MEDIA_TYPES[fmt]}
    if result.truncated:
        headers["X-Graphkit-Truncated"] = "true"
        headers["X-SPARQL-MaxRows"] = str(job["max_rows"])
    return Reply(200, headers, body)


# ----------------------------------------------------------------- HTTP


def _host_port(authority: str, default_port: int | None) -> tuple[str, int | None] | None:
    """Split ``host[:port]`` (a Host header or an origin's authority); lowercase the host.

    Examples
    --------
    >>> _host_port("LocalHost:8000", 80), _host_port("[::1]", 80), _host_port("", 80)
    (('localhost', 8000), ('::1', 80), None)
    """
    authority = authority.strip().lower()
    if not authority:
        return None
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return None
        name, rest = authority[1:end], authority[end + 1 :]
    elif authority.count(":") == 1:
        name, _, port_text = authority.partition(":")
        rest = ":" + port_text
    else:
        name, rest = authority, ""
    port = default_port
    if rest.startswith(":") and rest[1:]:
        if not rest[1:].isdigit():
            return None
        port = int(rest[1:])
    return name.rstrip("."), port


def cross_site_refusal(
    headers: Any, *, host: str, cors_origins: Sequence[str] = (), navigation_ok: bool = False
) -> str | None:
    """Say why a request must be refused as cross-site, or None when it may go on.

    A browser sends ``Origin`` with every POST and with cross-origin reads,
    and ``Sec-Fetch-Site`` with every request. A request is refused when its
    ``Origin`` is not this server's own (the scheme, host and port of its
    ``Host`` header) nor a configured CORS origin, or when ``Sec-Fetch-Site``
    says ``cross-site`` or ``same-site`` (another port of the same host) and
    no configured origin vouches for it. Clients other than browsers send
    neither header and are not affected.

    Parameters
    ----------
    headers : mapping
        The request headers.
    host : str
        The request's ``Host`` header (already checked against the allowed names).
    cors_origins : sequence of str
        Origins configured with ``--cors`` (``"*"`` for any).
    navigation_ok : bool
        Allow a top-level navigation (a link followed from another site) to
        this resource: true for HTML pages, never for ``/sparql``.

    Examples
    --------
    >>> cross_site_refusal({"Origin": "http://127.0.0.1:8000"}, host="127.0.0.1:8000") is None
    True
    >>> cross_site_refusal({"Origin": "http://localhost:3000"}, host="localhost:8000")
    'cross-origin request from http://localhost:3000'
    >>> cross_site_refusal({"Sec-Fetch-Site": "cross-site"}, host="localhost:8000")
    'cross-site request (Sec-Fetch-Site: cross-site)'
    >>> app = "https://app.example"
    >>> cross_site_refusal({"Origin": app}, host="localhost:8000", cors_origins=[app]) is None
    True
    """
    origin = headers.get("Origin")
    site = (headers.get("Sec-Fetch-Site") or "").strip().lower()
    if origin is not None:
        origin = origin.strip()
        if "*" in cors_origins or origin in cors_origins:
            return None
        scheme, sep, authority = origin.partition("://")
        scheme = scheme.lower()
        defaults = {"http": 80, "https": 443}
        own = _host_port(host, defaults.get(scheme))
        theirs = _host_port(authority, defaults.get(scheme)) if sep and scheme in defaults else None
        if theirs is None or theirs != own:
            return f"cross-origin request from {origin}"
        return None
    if site in ("cross-site", "same-site"):
        mode = (headers.get("Sec-Fetch-Mode") or "").strip().lower()
        if navigation_ok and mode == "navigate":
            return None
        return f"cross-site request (Sec-Fetch-Site: {site})"
    return None


_REFUSED_CROSS_SITE = (
    "Forbidden: {reason}. This endpoint answers only its own page and clients that are not "
    "browsers; to let a web application query it, start it with --cors ORIGIN."
)


@dataclass(frozen=True)
class Route:
    """What answers one path.

    Attributes
    ----------
    answer : callable
        ``answer(handler, params)``: writes the response through the handler.
    page : bool
        An HTML page: a link from another site may open it (top-level
        navigation). Routes that run queries or return data never are.
    """

    answer: Callable[[_Handler, dict[str, list[str]]], None]
    page: bool = False


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "graphkit-sparql"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    # -- plumbing

    def version_string(self) -> str:
        """Name the server without Python's version."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        content_type: str = "text/plain; charset=utf-8",
    ) -> None:
        headers = dict(headers or {})
        headers.setdefault("Content-Type", content_type)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for key, value in self._cors_headers().items():
            self.send_header(key, value)
        if status >= 400 and status not in (404, 405, 406):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode(), headers)

    def _cors_headers(self) -> dict[str, str]:
        origins = self.server.config.cors_origins
        origin = self.headers.get("Origin") if self.headers else None
        if not origins:
            return {}
        vary = {"Vary": "Origin"}
        if not origin:
            return vary
        if "*" in origins:
            allowed = "*"
        elif origin in origins:
            allowed = origin
        else:
            return vary
        return {
            "Access-Control-Allow-Origin": allowed,
            "Access-Control-Expose-Headers": "X-Graphkit-Truncated, X-SPARQL-MaxRows",
            **vary,
        }

    def _admit(self, route: Route | None = None) -> bool:
        """Check the Host header and refuse cross-site requests; answer and return False if refused."""
        host = self.headers.get("Host", "")
        name = _host_port(host, None)
        if name is None or name[0] not in self.server.allowed_hosts:
            self._error(400, "Bad request: this server does not answer for that Host.")
            return False
        reason = cross_site_refusal(
            self.headers,
            host=host,
            cors_origins=self.server.config.cors_origins,
            navigation_ok=route is not None and route.page and self.command in ("GET", "HEAD"),
        )
        if reason is not None:
            self._error(403, _REFUSED_CROSS_SITE.format(reason=reason))
            return False
        return True

    # -- routes

    def _explorer_file(self, params: dict[str, list[str]]) -> None:
        path = urlsplit(self.path).path
        body, media = explorer_file(path) or (b"", "text/plain")
        if path in ("/", "/index.html") and self.server.config.graph_page is not None:
            body = body.replace(b'id="graph-link" hidden', b'id="graph-link"')
        self._send(200, body, {"Content-Security-Policy": EXPLORER_CSP}, content_type=media)

    def _explorer_api(self, params: dict[str, list[str]]) -> None:
        job = {"api": urlsplit(self.path).path, "params": params, "max_rows": self.server.config.max_rows}
        status, headers, body = self.server.pool.run(job)
        self._send(status, body, headers)

    def _page_graph(self, params: dict[str, list[str]]) -> None:
        graph_page = self.server.config.graph_page
        try:
            page = Path(graph_page).read_bytes() if graph_page is not None else None
        except OSError:
            page = None
        if page is None:
            self._error(404, "Not found: the graph page has not been built.")
            return
        self._send(
            200, page, {"Content-Security-Policy": _CSP_GRAPH}, content_type="text/html; charset=utf-8"
        )

    def _get_queries_json(self, params: dict[str, list[str]]) -> None:
        self._send(200, self.server.queries_json, content_type="application/json")

    # -- methods

    def do_GET(self) -> None:
        """Serve the page, its assets, the named questions and GET queries."""
        url = urlsplit(self.path)
        route = self.server.get_routes.get(url.path)
        if not self._admit(route):
            return
        if len(self.path) > self.server.config.max_request_bytes:
            self._error(414, "URI too long: send long queries with POST.")
            return
        if route is None:
            self._error(404, "Not found. The SPARQL endpoint is at /sparql.")
            return
        route.answer(self, parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """Accept queries as a form or as an application/sparql-query body."""
        url = urlsplit(self.path)
        if not self._admit():
            return
        if url.path != "/sparql":
            self._error(405, "Method not allowed: POST queries to /sparql.", {"Allow": "GET, HEAD"})
            return
        if self.headers.get("Transfer-Encoding"):
            self._error(411, "Length required: send a Content-Length, not chunked data.")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._error(411, "Length required: send a Content-Length header.")
            return
        if length < 0 or length > self.server.config.max_request_bytes:
            limit = self.server.config.max_request_bytes
            self._error(413, f"Request too large: the limit is {limit} bytes.")
            return
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self._error(403, "Refused: this endpoint is read-only; updates are not allowed.")
            return
        if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            self._error(
                415,
                "Unsupported media type: POST application/x-www-form-urlencoded "
                "(query=...) or application/sparql-query.",
            )
            return
        body = self.rfile.read(length)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "Bad request: the body is not UTF-8.")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-query":
            if "query" in params:
                self._error(400, "Bad request: give the query either in the body or as query=, not both.")
                return
            params["query"] = [text]
        else:
            form = parse_qs(text, keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        self._query(params)

    def do_OPTIONS(self) -> None:
        """Answer CORS preflight requests (allowed only for configured origins)."""
        if not self._admit():
            return
        headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if "Access-Control-Allow-Origin" in self._cors_headers():
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            headers["Access-Control-Max-Age"] = "600"
        self._send(204, b"", headers)

    def _method_not_allowed(self) -> None:
        if not self._admit():
            return
        self._error(
            405, "Method not allowed: this endpoint is read-only.", {"Allow": "GET, HEAD, POST, OPTIONS"}
        )

    do_PUT = do_DELETE = do_PATCH = _method_not_allowed

    # -- queries

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "Refused: this endpoint is read-only; updates are not allowed.")
            return
        for key in ("default-graph-uri", "named-graph-uri"):
            if any(v.strip() for v in params.get(key, [])):
                self._error(400, f"Bad request: {key} is not supported; use FROM or GRAPH in the query.")
                return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(400, "Bad request: give exactly one query parameter.")
            return
        job = {
            "query": queries[0],
            "accept": self.headers.get("Accept"),
            "max_rows": self.server.config.max_rows,
        }
        status, headers, body = self.server.pool.run(job)
        self._send(status, body, {**headers, "Vary": "Accept"})


class SparqlServer(ThreadingHTTPServer):
    """The endpoint's HTTP server: a thread per connection, a pool of query workers.

    Use :func:`make_server` to build one. ``serve_forever()`` runs it;
    ``close()`` stops the workers and the socket.

    Attributes
    ----------
    get_routes : dict of str to Route
        What answers each ``GET`` path; add a :class:`Route` to serve more.
    pool : WorkerPool
        The query workers.
    """

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the listen backlog: bursts wait in the kernel instead of being reset

    def __init__(self, address: tuple[str, int], config: ServerConfig) -> None:
        import socket

        from graphkit.sparql.library import list_queries

        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{address[1]}: {exc.strerror or exc}") from None
        self.config = config
        names = {*_LOOPBACK_NAMES, *(h.lower().strip("[]") for h in config.allowed_hosts)}
        if host not in ("", "0.0.0.0", "::"):
            names.add(host.lower())
        self.allowed_hosts = frozenset(names)
        self.queries_json = json.dumps(
            [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "params": [p.__dict__ for p in q.params],
                    "columns": list(q.columns),
                    "text": q.text,
                }
                for q in list_queries()
            ],
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")
        self.get_routes: dict[str, Route] = {
            "/sparql": Route(_Handler._query),
            "/queries.json": Route(_Handler._get_queries_json),
            # The explorer: its page (which a link may open) and files, and its API.
            **{p: Route(_Handler._explorer_file, page=p in ("/", "/index.html")) for p in EXPLORER_PATHS},
            **{p: Route(_Handler._explorer_api) for p in explorer_api.PATHS},
        }
        if config.graph_page is not None:
            self.get_routes["/graph"] = Route(_Handler._page_graph, page=True)
        self.pool = WorkerPool(
            config.dataset_path,
            answer_query,
            engine=config.engine,
            size=config.workers,
            timeout=config.timeout,
            memory_limit=config.memory_limit,
            queue_size=config.queue_size,
            startup_timeout=config.startup_timeout,
        )

    @property
    def url(self) -> str:
        """The endpoint's URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"

    @property
    def limits(self) -> str:
        """The limits in force, in one line (the command line prints it at startup)."""
        config = self.config
        return (
            f"{config.workers} query worker(s), {self.pool.isolation}; "
            f"each query: {config.timeout:g} s, memory {format_size(config.memory_limit)}, "
            f"{config.max_rows:,} rows; queue {config.queue_size}"
        )

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log a failed request in one line; a client that went away is not an error."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            log.debug("client %s went away: %s", client_address[0], exc)
            return
        log.error("error answering %s: %r", client_address[0], exc, exc_info=exc)

    def close(self) -> None:
        """Stop serving, stop the workers and close the socket."""
        self.pool.close()
        self.server_close()


def is_loopback(host: str) -> bool:
    """Say whether ``host`` is a loopback name or address (safe to bind without warning)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(
    dataset_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    engine: str = "oxigraph",
    timeout: float = 30.0,
    max_rows: int = 10_000,
    max_request_bytes: int = 256 * 1024,
    allowed_hosts: Sequence[str] = (),
    cors_origins: Sequence[str] = (),
    graph_page: str | Path | None = None,
    workers: int = 2,
    memory_limit: int | Literal["default"] | None = "default",
    queue_size: int = 64,
) -> SparqlServer:
    """Build the endpoint, load the dataset in its workers, and bind the socket.

    Parameters are those of :func:`serve`. ``port=0`` picks a free port; read
    it back from ``server.url``.

    Returns
    -------
    SparqlServer
        Call ``serve_forever()`` (in a thread, if you like) and ``close()``.

    Raises
    ------
    InputError
        If the dataset is missing or does not load, or a limit is out of range.
    """
    path = Path(dataset_path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    if timeout <= 0 or max_rows < 0 or max_request_bytes <= 0:
        raise InputError("timeout and max_request_bytes must be positive, max_rows zero or more")
    if workers < 1 or queue_size < 0:
        raise InputError("workers must be at least 1 and queue_size zero or more")
    limit = default_memory_limit() if memory_limit == "default" else memory_limit
    if limit is not None and limit < 64 * 1024**2:
        raise InputError(
            f"a memory limit of {format_size(limit)} is too small to load anything: give 64 MiB or more"
        )
    config = ServerConfig(
        dataset_path=path,
        engine=engine,
        timeout=timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
        allowed_hosts=tuple(allowed_hosts),
        cors_origins=tuple(cors_origins),
        graph_page=Path(graph_page) if graph_page is not None else None,
        workers=workers,
        memory_limit=limit,
        queue_size=queue_size,
    )
    server = SparqlServer((host, port), config)
    try:
        server.pool.start()
    except BaseException:
        server.close()
        raise
    return server


def serve(
    dataset_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    engine: str = "oxigraph",
    timeout: float = 30.0,
    max_rows: int = 10_000,
    max_request_bytes: int = 256 * 1024,
    allowed_hosts: Sequence[str] = (),
    cors_origins: Sequence[str] = (),
    graph_page: str | Path | None = None,
    workers: int = 2,
    memory_limit: int | Literal["default"] | None = "default",
    queue_size: int = 64,
    on_ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve the dataset as a read-only SPARQL endpoint until interrupted.

    Parameters
    ----------
    dataset_path : str or Path
        The built dataset, e.g. ``data/build/graphkit.nq``.
    host : str
        Address to bind; loopback by default. Binding elsewhere exposes the
        endpoint to the network and logs a warning.
    port : int
        TCP port (0 for any free one).
    engine : {"oxigraph", "memory"}
        Store engine for the workers.
    timeout : float
        Per-query wall-clock limit in seconds; the worker running a query
        past it is killed and restarted. Also the longest a request waits
        for a free worker.
    max_rows : int
        Row (or triple) cap per answer; a cut is signalled by headers.
    max_request_bytes : int
        Largest accepted POST body and request URL.
    allowed_hosts : sequence of str
        Extra names accepted in the ``Host`` header.
    cors_origins : sequence of str
        Browser origins allowed to send queries and read results (``"*"``
        for any); none by default, and requests from other origins are
        refused (``403``).
    graph_page : str or Path, optional
        The interactive graph page to serve at ``/graph`` and link from ``/``.
    workers : int
        Query worker processes (each loads the dataset).
    memory_limit : int, None or "default"
        Address-space cap of each worker in bytes; ``"default"`` is
        :func:`~graphkit.sparql.worker.default_memory_limit` (a quarter of
        the RAM, at most 2 GiB), None no cap. A query that needs more is
        answered ``503``.
    queue_size : int
        Requests that may wait for a free worker; more get ``503`` with
        ``Retry-After``.
    on_ready : callable, optional
        Called with the server once the socket is bound and the dataset
        loaded (the command line prints its ``url`` and ``limits``).
    """
    if not is_loopback(host):
        log.warning(
            "binding to %s exposes the endpoint beyond this machine; "
            "add the names clients use with --allowed-host (allowed_hosts= in Python)",
            host,
        )
    server = make_server(
        dataset_path,
        host=host,
        port=port,
        engine=engine,
        timeout=timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
        allowed_hosts=allowed_hosts,
        cors_origins=cors_origins,
        graph_page=graph_page,
        workers=workers,
        memory_limit=memory_limit,
        queue_size=queue_size,
    )
    log.info("SPARQL endpoint at %s (%s)", server.url, server.limits)
    if not server.pool.isolated:
        log.warning(
            "query workers are %s; queries are still checked, but the engine could reach the network "
            "if a check ever failed",
            server.pool.isolation,
        )
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)  # so the workers are stopped too
    if on_ready is not None:
        on_ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
