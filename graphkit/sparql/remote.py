r"""HTTP requests to remote SPARQL services: a deadline, no silent redirects, no leaked passwords.

:func:`request` is the one HTTP client graphkit uses, for queries against a
remote endpoint (:class:`graphkit.sparql.engine.Endpoint`) and for
:func:`graphkit.sparql.push.push`. What it promises:

* **a deadline, not a read timeout**: the whole request (connecting, sending,
  the status line, the headers, the body) must finish within ``timeout``
  seconds, and before ``deadline`` when one is given. A server that accepts
  and never answers, or trickles a byte a second, is cut off when the time
  is up;
* **redirects**: only ``307`` and ``308`` to the same scheme, host and port are
  followed (they keep the method and the body). Any other redirect is an error
  that says where it pointed: a ``POST`` is never turned into a ``GET``, and
  nothing is sent to another host;
* **credentials**: ``user:password@`` in a URL is sent as an
  ``Authorization: Basic`` header, and shown as ``***@`` in every message
  (:func:`redact`);
* **bounded answers**: a body longer than ``max_bytes`` is an error.

Examples
--------
>>> redact("https://alice:s3cret@store.example/ds/data?graph=x")
'https://***@store.example/ds/data?graph=x'
>>> one_line("Bad\x1b[31m request\n\n  at line 2")
'Bad [31m request at line 2'
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

from graphkit.errors import GraphkitError

__all__ = ["Response", "check_url", "one_line", "redact", "request"]

#: Largest answer read from a remote service by default.
MAX_ANSWER_BYTES = 512 * 1024**2
_MAX_REDIRECTS = 5
_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)")


@dataclass(frozen=True)
class Response:
    """What a server answered.

    Attributes
    ----------
    status : int
        The HTTP status.
    reason : str
        The status line's reason phrase.
    headers : email.message.Message
        The response headers (case-insensitive ``.get``).
    body : bytes
        The whole body.
    """

    status: int
    reason: str
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters, lowercased (``""`` if none)."""
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def redact(url: str) -> str:
    """Hide the ``user:password@`` part of a URL (all of it: a user name can be a token).

    Examples
    --------
    >>> redact("http://127.0.0.1:7878/store"), redact("http://tok@h/x"), redact("http://u:p@ss@h/")
    ('http://127.0.0.1:7878/store', 'http://***@h/x', 'http://***@h/')
    """
    match = _URL.match(url)
    if match is None or "@" not in match.group(2):
        return url
    host = match.group(2).rpartition("@")[2]
    return f"{match.group(1)}***@{host}{url[match.end() :]}"


def one_line(text: str, limit: int = 300, *, url: str | None = None) -> str:
    """Make a remote server's text safe to print: one line, no control characters, at most ``limit``.

    With ``url``, the credentials in it are hidden too, should the server echo them.

    Examples
    --------
    >>> one_line("bad password s3cret for alice", url="http://alice:s3cret@h/")
    'bad password *** for alice'
    """
    if url is not None:
        parts = urlsplit(url)
        for secret in (parts.password, parts.username if parts.password is None else None):
            if secret:
                text = text.replace(unquote(secret), "***").replace(secret, "***")
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def check_url(url: str, *, what: str, error: type[GraphkitError]) -> None:
    """Raise ``error`` unless ``url`` is an ``http://`` or ``https://`` URL with a host.

    Examples
    --------
    >>> check_url("ftp://x/", what="an endpoint URL", error=ValueError)
    Traceback (most recent call last):
    ...
    ValueError: an endpoint URL must start with http:// or https://: 'ftp://x/'
    """
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise error(f"{what} must start with http:// or https://: {redact(str(url))!r}")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise error(f"{what} has a malformed port: {redact(url)!r}") from None


class _Cutoff:
    """Close a connection's socket when the deadline passes, waking any blocked read or write."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


def _once(
    method: str,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    *,
    end: float,
    limit: str,
    max_bytes: int,
    error: type[GraphkitError],
    peer: str,
) -> Response:
    parts = urlsplit(url)
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise _error(error, f"no answer from {redact(url)} within {limit}", False)
    headers = dict(headers)
    if parts.username is not None and not any(k.lower() == "authorization" for k in headers):
        user = unquote(parts.username)
        password = unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    if parts.scheme.lower() == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, port, timeout=remaining)
    cutoff = _Cutoff(connection, remaining)
    sent = False
    try:
        connection.request(method, target, body=body, headers=headers)
        sent = True
        response = connection.getresponse()
        chunks, size = [], 0
        while chunk := response.read(65536):
            size += len(chunk)
            if size > max_bytes:
                raise _error(
                    error, f"{redact(url)} sent more than {max_bytes:,} bytes; stopped reading", sent
                )
            chunks.append(chunk)
        return Response(response.status, response.reason, response.headers, b"".join(chunks))
    except (OSError, http.client.HTTPException) as exc:
        if cutoff.fired or isinstance(exc, TimeoutError):
            raise _error(error, f"no complete answer from {redact(url)} within {limit}", sent) from None
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        raise _error(error, f"cannot reach {peer} at {redact(url)}: {one_line(str(reason))}", sent) from None
    finally:
        cutoff.cancel()
        connection.close()


def _error(error: type[GraphkitError], message: str, sent: bool) -> GraphkitError:
    """Make the caller's exception; ``request_sent`` says whether the server got the whole request."""
    exc = error(message)
    exc.request_sent = sent  # type: ignore[attr-defined]
    return exc


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
    deadline: float | None = None,
    max_bytes: int = MAX_ANSWER_BYTES,
    error: type[GraphkitError] = GraphkitError,
    peer: str = "the server",
) -> Response:
    """Send one HTTP request and read the whole answer, within a deadline.

    Parameters
    ----------
    method : str
        ``GET``, ``POST``, ``PUT``...
    url : str
        An ``http://`` or ``https://`` URL, possibly with ``user:password@``.
    body : bytes, optional
        The request body.
    headers : dict, optional
        Request headers (an ``Authorization`` given here wins over the URL's).
    timeout : float
        Seconds the whole request may take, redirects included.
    deadline : float, optional
        A :func:`time.monotonic` time the request must also finish by (for
        a command that sends several).
    max_bytes : int
        Longest body read.
    error : type
        The exception raised when the server cannot be reached, is too slow,
        redirects elsewhere or sends too much. Its ``request_sent`` attribute
        says whether the server received the whole request (and so may have
        acted on it).
    peer : str
        What the server is, in messages (``"the endpoint"``, ``"the store"``).

    Returns
    -------
    Response
        Any status the server sent except a followed redirect; the caller
        decides what a ``4xx`` or ``5xx`` means.
    """
    check_url(url, what="a URL", error=error)
    end, limit = time.monotonic() + timeout, f"{timeout:g} s"
    if deadline is not None and deadline < end:
        end, limit = deadline, "the deadline"
    headers = {"User-Agent": "graphkit", **(headers or {})}
    current = url
    for _ in range(_MAX_REDIRECTS + 1):
        response = _once(
            method, current, body, headers, end=end, limit=limit, max_bytes=max_bytes, error=error, peer=peer
        )
        if response.status not in (301, 302, 303, 307, 308):
            return response
        location = response.headers.get("Location")
        if not location:
            return response
        target = urljoin(current, location)
        if response.status not in (307, 308) or _origin(target) != _origin(current):
            raise error(
                f"{redact(current)} redirected ({response.status}) to {redact(target)}; graphkit follows "
                "only 307/308 redirects on the same host and port, so a request never changes method or "
                "goes elsewhere: use the new URL directly if you trust it"
            )
        current = target
    raise error(f"{redact(url)} redirected more than {_MAX_REDIRECTS} times")
