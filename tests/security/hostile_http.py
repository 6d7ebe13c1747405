"""HTTP servers on 127.0.0.1 that misbehave on purpose: they stall, trickle, fail part-way or redirect."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable


def read_request(conn: socket.socket) -> bytes:
    """Read one request (headers and a Content-Length body) from a connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class HostileServer:
    """Accept connections on 127.0.0.1 and hand each to ``behave(conn, index)`` in a thread.

    ``requests`` keeps the raw bytes of every request read with :func:`read_request`.
    """

    def __init__(self, behave: Callable[[HostileServer, socket.socket, int], None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/store"
        self.requests: list[bytes] = []
        self.closing = threading.Event()
        self._behave = behave
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        index = 0
        while not self.closing.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn, index), daemon=True).start()
            index += 1

    def _serve(self, conn: socket.socket, index: int) -> None:
        with contextlib.suppress(OSError), conn:
            self._behave(self, conn, index)

    def read(self, conn: socket.socket) -> bytes:
        request = read_request(conn)
        self.requests.append(request)
        return request

    def hold(self, seconds: float = 120.0) -> None:
        """Keep a connection open, answering nothing, until closed or ``seconds`` pass."""
        self.closing.wait(seconds)

    def close(self) -> None:
        self.closing.set()
        self.sock.close()


def stall(server: HostileServer, conn: socket.socket, index: int) -> None:
    """Read the request, then never answer."""
    server.read(conn)
    server.hold()


def trickle(server: HostileServer, conn: socket.socket, index: int) -> None:
    """Read the request, then send a status line one byte every 0.2 s, for ever."""
    server.read(conn)
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
        if server.closing.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


def answer(conn: socket.socket, status: str, body: bytes = b"", headers: dict | None = None) -> None:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
