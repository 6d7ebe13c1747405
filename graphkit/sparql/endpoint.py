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

Safety. Queries run in one worker process that loads the dataset once; a
query that outlives the time limit is stopped by killing that process (a new
one is started) and answered ``503``. Results longer than the row cap are cut
and the cut is signalled by the headers ``X-Graphkit-Truncated: true`` and
``X-SPARQL-MaxRows: N`` (the header Virtuoso sends in the same case); the
bodies stay standard. Requests whose ``Host`` is not ``localhost``,
``127.0.0.1``, ``[::1]``, the bound address or a configured name are refused
(``400``), which defeats DNS rebinding. CORS headers are sent only for
configured origins. The explorer at ``/`` (:mod:`graphkit.explorer`) renders
everything as text nodes under a strict Content-Security-Policy; its
``/api/...`` requests run in the query worker like queries do, and it links,
when configured, to the interactive graph page served at ``/graph``.

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
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from graphkit.errors import InputError
from graphkit.explorer.assets import CSP as EXPLORER_CSP
from graphkit.explorer.assets import static_file as explorer_file
from graphkit.sparql.results import MEDIA_TYPES, Format
from graphkit.sparql.safety import QueryForm

__all__ = ["ServerConfig", "SparqlServer", "is_loopback", "make_server", "negotiate", "serve"]

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
        The built dataset (``.nq``, ``.trig``...), loaded by the worker.
    engine : {"oxigraph", "memory"}
        The store engine (:func:`graphkit.rdf.store.open_store`).
    timeout : float
        Wall-clock seconds a query may run before its worker is killed.
    max_rows : int
        Most rows (or triples) in one answer; more are cut and signalled.
    max_request_bytes : int
        Largest POST body, and longest request URL, accepted.
    allowed_hosts : tuple of str
        Host names accepted besides localhost, 127.0.0.1, [::1] and the bound address.
    cors_origins : tuple of str
        Origins allowed to read results from a browser (``"*"`` for any); none by default.
    graph_page : Path or None
        An HTML file served at ``/graph`` and linked from ``/``.
    """

    dataset_path: Path
    engine: str = "oxigraph"
    timeout: float = 30.0
    max_rows: int = 10_000
    max_request_bytes: int = 256 * 1024
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    graph_page: Path | None = None
    startup_timeout: float = field(default=600.0, repr=False)


# ----------------------------------------------------------------- worker process


def _answer(dataset: Any, job: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    """Run one query job inside the worker; return status, headers and body."""
    from graphkit.errors import QueryError, UnsafeQueryError
    from graphkit.sparql.engine import run_query
    from graphkit.sparql.results import format_result
    from graphkit.sparql.safety import check_query

    def text(status: int, message: str) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": "text/plain; charset=utf-8"}, (message + "\n").encode()

    if "api" in job:  # the explorer's API (graphkit.explorer.api)
        from graphkit.explorer.api import handle

        return handle(dataset, job["api"], job["params"], max_rows=job["max_rows"])

    try:
        checked = check_query(job["query"])
    except UnsafeQueryError as exc:
        return text(403, f"Refused: {exc}")
    except QueryError as exc:
        return text(400, f"Bad query: {exc}")
    fmt = negotiate(job.get("accept"), checked.form)
    if fmt is None:
        offers = _OFFERS_GRAPH if checked.form in ("CONSTRUCT", "DESCRIBE") else _OFFERS_TABLE
        types = ", ".join(dict.fromkeys(m for m, _ in offers))
        return text(406, f"Not acceptable: the {checked.form} result can be sent as {types}")
    try:
        result = run_query(dataset, job["query"], max_rows=job["max_rows"])
        body = format_result(result, fmt).encode("utf-8")
    except UnsafeQueryError as exc:  # pragma: no cover - checked above
        return text(403, f"Refused: {exc}")
    except QueryError as exc:
        return text(500, f"Query failed: {exc}")
    headers = {"Content-Type": MEDIA_TYPES[fmt]}
    if result.truncated:
        headers["X-Graphkit-Truncated"] = "true"
        headers["X-SPARQL-MaxRows"] = str(job["max_rows"])
    return 200, headers, body


def _worker_main(conn: Any, dataset_path: str, engine: str) -> None:  # pragma: no cover - child
    """Load the dataset once, then answer jobs from ``conn`` until it closes."""
    try:
        from graphkit.rdf.store import open_store

        dataset = open_store(dataset_path, engine=engine)  # type: ignore[arg-type]
    except Exception as exc:  # report any load failure to the parent
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("done", _answer(dataset, job)))
        except Exception as exc:  # never let one query kill the worker silently
            conn.send(("done", (500, {"Content-Type": "text/plain; charset=utf-8"}, f"{exc}\n".encode())))


class _Worker:
    """One worker process, restarted when it is killed for running too long."""

    def __init__(self, config: ServerConfig) -> None:
        self._config = config
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None
        self._ready = False

    def start(self) -> None:
        """Start the process (without waiting for it to load the dataset)."""
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, str(self._config.dataset_path), self._config.engine),
            name="graphkit-sparql-worker",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn, self._ready = process, parent, False

    def wait_ready(self) -> None:
        """Wait for the dataset to load; raise InputError if it fails."""
        if self._ready:
            return
        if not self._conn.poll(self._config.startup_timeout):
            self._kill()
            raise InputError(
                "the query worker did not load the dataset in time", path=self._config.dataset_path
            )
        try:
            status, detail = self._conn.recv()
        except EOFError:
            status, detail = "error", "the query worker exited while loading"
        if status != "ready":
            self._kill()
            raise InputError(f"cannot serve the dataset: {detail}", path=self._config.dataset_path)
        self._ready = True

    def _kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        if self._process is not None:
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None
        self._ready = False

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            self._kill()

    @property
    def pid(self) -> int | None:
        """The worker's process id (for tests and logs)."""
        return None if self._process is None else self._process.pid

    def run(self, job: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        """Run a job, killing and restarting the worker if it exceeds the time limit."""
        timeout = self._config.timeout
        if not self._lock.acquire(timeout=timeout):
            return (
                503,
                {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "5"},
                (b"Busy: other queries are running; try again shortly.\n"),
            )
        try:
            if self._process is None or not self._process.is_alive():
                self._kill()
                self.start()
            self.wait_ready()
            self._conn.send(job)
            if self._conn.poll(timeout):
                try:
                    return self._conn.recv()[1]
                except EOFError:
                    self._kill()
                    self.start()
                    return (
                        500,
                        {"Content-Type": "text/plain; charset=utf-8"},
                        (b"The query worker died while answering; it has been restarted.\n"),
                    )
            log.warning("query exceeded %.1f s; killing worker %s", timeout, self.pid)
            self._kill()
            self.start()  # load again in the background; the next request waits for it
            message = f"Timeout: the query ran longer than {timeout:g} s and was stopped.\n"
            return 503, {"Content-Type": "text/plain; charset=utf-8"}, message.encode()
        finally:
            self._lock.release()


# ----------------------------------------------------------------- HTTP


def _host_name(header: str) -> str | None:
    """Return the host part of a Host header, lowercased, without the port."""
    header = header.strip().lower()
    if not header:
        return None
    if header.startswith("["):
        end = header.find("]")
        return header[1:end] if end > 0 else None
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


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
        if not origins or not origin:
            return {}
        if "*" in origins:
            allowed = "*"
        elif origin in origins:
            allowed = origin
        else:
            return {}
        return {
            "Access-Control-Allow-Origin": allowed,
            "Access-Control-Expose-Headers": "X-Graphkit-Truncated, X-SPARQL-MaxRows",
            "Vary": "Origin",
        }

    def _host_ok(self) -> bool:
        name = _host_name(self.headers.get("Host", ""))
        if name is None or name not in self.server.allowed_hosts:
            self._error(400, "Bad request: this server does not answer for that Host.")
            return False
        return True

    # -- methods

    def do_GET(self) -> None:
        """Serve the page, its assets, the named questions and GET queries."""
        if not self._host_ok():
            return
        if len(self.path) > self.server.config.max_request_bytes:
            self._error(414, "URI too long: send long queries with POST.")
            return
        url = urlsplit(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            self._query(params)
        elif url.path.startswith("/api/"):  # the explorer's API, run by the query worker
            params = parse_qs(url.query, keep_blank_values=True)
            job = {"api": url.path, "params": params, "max_rows": self.server.config.max_rows}
            status, headers, body = self.server.worker.run(job)
            self._send(status, body, headers)
        elif (found := explorer_file(url.path)) is not None:  # the explorer's page and files
            page, media = found
            if url.path in ("/", "/index.html") and self.server.config.graph_page is not None:
                page = page.replace(b'id="graph-link" hidden', b'id="graph-link"')
            self._send(200, page, {"Content-Security-Policy": EXPLORER_CSP}, content_type=media)
        elif url.path == "/queries.json":
            self._send(200, self.server.queries_json, content_type="application/json")
        elif url.path == "/graph" and self.server.config.graph_page is not None:
            try:
                page = Path(self.server.config.graph_page).read_bytes()
            except OSError:
                self._error(404, "Not found: the graph page has not been built.")
                return
            self._send(
                200, page, {"Content-Security-Policy": _CSP_GRAPH}, content_type="text/html; charset=utf-8"
            )
        else:
            self._error(404, "Not found. The SPARQL endpoint is at /sparql.")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """Accept queries as a form or as an application/sparql-query body."""
        if not self._host_ok():
            return
        url = urlsplit(self.path)
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
        if not self._host_ok():
            return
        headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self._cors_headers():
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            headers["Access-Control-Max-Age"] = "600"
        self._send(204, b"", headers)

    def _method_not_allowed(self) -> None:
        if not self._host_ok():
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
        status, headers, body = self.server.worker.run(job)
        headers = {**headers, "Vary": "Accept"}
        self._send(status, body, headers)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint's HTTP server: a ThreadingHTTPServer with one query worker.

    Use :func:`make_server` to build one. ``serve_forever()`` runs it;
    ``close()`` stops the worker and the socket.
    """

    daemon_threads = True
    block_on_close = False

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
        self.worker = _Worker(config)

    @property
    def url(self) -> str:
        """The endpoint's URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"

    def close(self) -> None:
        """Stop serving, stop the worker and close the socket."""
        self.worker.close()
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
) -> SparqlServer:
    """Build the endpoint, load the dataset in its worker, and bind the socket.

    Parameters are those of :func:`serve`. ``port=0`` picks a free port; read
    it back from ``server.url``.

    Returns
    -------
    SparqlServer
        Call ``serve_forever()`` (in a thread, if you like) and ``close()``.

    Raises
    ------
    InputError
        If the dataset is missing or does not load.
    """
    path = Path(dataset_path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    if timeout <= 0 or max_rows < 0 or max_request_bytes <= 0:
        raise InputError("timeout and max_request_bytes must be positive, max_rows zero or more")
    config = ServerConfig(
        dataset_path=path,
        engine=engine,
        timeout=timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
        allowed_hosts=tuple(allowed_hosts),
        cors_origins=tuple(cors_origins),
        graph_page=Path(graph_page) if graph_page is not None else None,
    )
    server = SparqlServer((host, port), config)
    try:
        server.worker.start()
        server.worker.wait_ready()
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
    on_ready: Callable[[str], None] | None = None,
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
        Store engine for the worker.
    timeout : float
        Per-query wall-clock limit in seconds; the worker running a query
        past it is killed and restarted.
    max_rows : int
        Row (or triple) cap per answer; a cut is signalled by headers.
    max_request_bytes : int
        Largest accepted POST body and request URL.
    allowed_hosts : sequence of str
        Extra names accepted in the ``Host`` header.
    cors_origins : sequence of str
        Browser origins allowed to read results (``"*"`` for any); none by default.
    graph_page : str or Path, optional
        The interactive graph page to serve at ``/graph`` and link from ``/``.
    on_ready : callable, optional
        Called with the endpoint's URL once the socket is bound and the
        dataset loaded (the command line prints it).
    """
    if not is_loopback(host):
        log.warning(
            "binding to %s exposes the endpoint beyond this machine; "
            "add the names clients use with allowed_hosts",
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
    )
    log.info("SPARQL endpoint at %s", server.url)
    if on_ready is not None:
        on_ready(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
