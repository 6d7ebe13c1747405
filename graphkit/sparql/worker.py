"""Run untrusted queries in worker processes that cannot hurt the server.

:class:`WorkerPool` keeps a few worker processes, each with the dataset loaded
once. A request takes an idle worker, waits in a bounded queue when all are
busy, and is answered ``503`` with ``Retry-After`` when the queue is full or
no worker frees up in time. Each worker, before it loads anything,

* leaves the network: it moves into a new, empty network namespace
  (``unshare(CLONE_NEWNET)``; as a non-root user together with a new user
  namespace), where no address, not even loopback, is reachable. So a query
  that reached the engine with ``SERVICE`` in it still could not connect
  anywhere. Where the kernel refuses both, the worker runs with the network
  and says so (:attr:`WorkerPool.isolation`, a warning in the log);
* caps its own address space (``RLIMIT_AS``) at the memory limit, so a query
  that would grow without end fails inside the worker instead of swapping the
  machine.

A worker that outlives the time limit is killed; one that dies (a crash, an
abort in the engine, its memory limit reached) is noticed. Either way the
request gets a clear answer, a new worker is started in its place, and the
server keeps serving. What a worker writes to its standard error (a Rust
panic message, say) goes to this module's log, not to the terminal.

Examples
--------
>>> format_size(1024**3), format_size(512 * 1024**2), format_size(None)
('1 GiB', '512 MiB', 'no limit')
>>> parse_size("1.5G"), parse_size("none")
(1610612736, None)
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import queue
import re
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from graphkit.errors import InputError

__all__ = [
    "Reply",
    "WorkerPool",
    "default_memory_limit",
    "format_size",
    "isolate_network",
    "limit_memory",
    "parse_size",
]

log = logging.getLogger("graphkit.sparql.worker")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
#: Rust's allocation-failure message, written just before it aborts the process.
_OUT_OF_MEMORY = b"memory allocation of"
_STDERR_TAIL = 8192
_TEXT = "text/plain; charset=utf-8"


class Reply(NamedTuple):
    """An HTTP answer computed by (or on behalf of) a worker."""

    status: int
    headers: dict[str, str]
    body: bytes


def text_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    r"""Make a ``text/plain`` reply of one line.

    Examples
    --------
    >>> reply = text_reply(503, "Busy.", {"Retry-After": "5"})
    >>> reply.status, reply.headers["Retry-After"], reply.body
    (503, '5', b'Busy.\n')
    """
    return Reply(status, {"Content-Type": _TEXT, **(headers or {})}, (message + "\n").encode("utf-8"))


# ----------------------------------------------------------------- sizes


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", re.IGNORECASE)


def parse_size(text: str) -> int | None:
    """Read a memory size such as ``512M``, ``1GiB``, ``2g`` or ``none``.

    Units are powers of 1024; a bare number is bytes. ``none`` (or ``0``)
    means no limit and returns None.

    Raises
    ------
    InputError
        If the text is not a size.

    Examples
    --------
    >>> parse_size("512MiB"), parse_size("2g"), parse_size("0")
    (536870912, 2147483648, None)
    """
    cleaned = text.strip().lower()
    if cleaned in ("none", "0", "unlimited"):
        return None
    match = _SIZE.fullmatch(cleaned)
    if match is None:
        raise InputError(f"not a memory size: {text!r} (write it like 512M, 1GiB or none)")
    number, unit = match.groups()
    return int(float(number) * 1024 ** " kmgt".index(unit.lower() or " "))


def format_size(size: int | None) -> str:
    """Write a byte count with a binary unit, e.g. ``2 GiB``; None is ``no limit``."""
    if size is None:
        return "no limit"
    value, unit = float(size), "bytes"
    for name in ("KiB", "MiB", "GiB", "TiB"):
        if value < 1024:
            break
        value, unit = value / 1024, name
    return f"{value:.3g} {unit}"


def default_memory_limit() -> int:
    """Each worker's default memory cap: a quarter of the RAM, at most 2 GiB.

    Examples
    --------
    >>> 256 * 1024**2 <= default_memory_limit() <= 2 * 1024**3
    True
    """
    try:
        ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        ram = 8 * 1024**3
    return max(256 * 1024**2, min(2 * 1024**3, ram // 4))


# ----------------------------------------------------------------- inside a worker


def isolate_network() -> str:
    """Move the calling process into a new network namespace with no way out.

    Call it while the process has a single thread (a thread started before
    keeps the old namespace). Tries ``unshare(CLONE_NEWNET)``, which needs
    root (``CAP_SYS_ADMIN``), then ``unshare(CLONE_NEWUSER | CLONE_NEWNET)``,
    which unprivileged users may do where the kernel allows user namespaces.

    Returns
    -------
    str
        How the process was isolated, for logs.

    Raises
    ------
    OSError
        If the kernel refuses both (the process keeps the network).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "unshare"):
        raise OSError(0, "this system has no network namespaces (Linux only)")
    if libc.unshare(_CLONE_NEWNET) == 0:
        return "own network namespace"
    first = ctypes.get_errno()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return "own user and network namespace"
    second = ctypes.get_errno()
    raise OSError(
        second, f"unshare refused ({os.strerror(first)}; with a user namespace: {os.strerror(second)})"
    )


def limit_memory(limit: int | None) -> None:
    """Cap the calling process's address space (``RLIMIT_AS``) at ``limit`` bytes.

    A lower limit inherited from the parent is kept. None leaves it as is.
    """
    import resource

    if limit is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


Handler = Callable[[Any, dict[str, Any]], Reply]


def _worker_main(  # pragma: no cover - runs in the child process
    conn: Any,
    stderr: Any,
    dataset_path: str,
    engine: str,
    memory_limit: int | None,
    handler: Handler,
) -> None:
    """Isolate and cap this process, load the dataset, then answer jobs until ``conn`` closes."""
    os.dup2(stderr.fileno(), 2)
    stderr.close()
    try:
        isolation = isolate_network()
    except OSError as exc:
        isolation = f"NOT isolated from the network: {exc.strerror}"
    limit_memory(memory_limit)
    try:
        from graphkit.rdf.store import open_store

        dataset = open_store(dataset_path, engine=engine)  # type: ignore[arg-type]
    except MemoryError:
        conn.send(("error", f"the dataset does not fit in the memory limit of {format_size(memory_limit)}"))
        return
    except Exception as exc:  # report any load failure to the parent
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", isolation))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handler(dataset, job)
        except MemoryError:
            reply = _out_of_memory(memory_limit)
        except Exception as exc:  # never let one query kill the worker silently
            reply = text_reply(500, f"Query failed: {exc}")
        conn.send(("done", tuple(reply)))


def _out_of_memory(limit: int | None) -> Reply:
    return text_reply(
        503,
        f"Out of memory: the query needed more than the worker's memory limit ({format_size(limit)}) "
        "and was stopped. Narrow it (fewer unbound patterns, a LIMIT, no ORDER BY over everything).",
    )


# ----------------------------------------------------------------- the parent's side


def _log_worker_line(pid: int, line: bytes) -> None:
    text = line.decode("utf-8", "replace").strip()
    if text:
        log.warning("worker %s: %s", pid, text)


class _Worker:
    """One worker process, replaced when it is killed or dies."""

    def __init__(self, pool: WorkerPool, index: int) -> None:
        self._pool = pool
        self._name = f"graphkit-sparql-worker-{index}"
        self._process: Any = None
        self._conn: Any = None
        self._ready = False
        self._stderr_tail = bytearray()
        self._stderr_lock = threading.Lock()
        self._stderr_thread: threading.Thread | None = None
        self.isolation: str | None = None

    @property
    def pid(self) -> int | None:
        """The process id (for logs and tests); None before the first start."""
        return None if self._process is None else self._process.pid

    def start(self) -> None:
        """Start the process without waiting for it to load the dataset."""
        pool = self._pool
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        err_read, err_write = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker_main,
            args=(child, err_write, str(pool.dataset_path), pool.engine, pool.memory_limit, pool.handler),
            name=self._name,
            daemon=True,
        )
        process.start()
        child.close()
        err_write.close()
        with self._stderr_lock:
            self._stderr_tail.clear()
        self._stderr_thread = threading.Thread(
            target=self._drain_stderr, args=(err_read, process.pid), name=f"{self._name}-stderr", daemon=True
        )
        self._stderr_thread.start()
        self._process, self._conn, self._ready = process, parent, False

    def _drain_stderr(self, reader: Any, pid: int) -> None:
        """Log what the worker writes to its standard error, a line at a time; keep the tail."""
        pending = b""
        with reader:
            fd = reader.fileno()
            while chunk := os.read(fd, 4096):
                with self._stderr_lock:
                    self._stderr_tail += chunk
                    del self._stderr_tail[:-_STDERR_TAIL]
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    _log_worker_line(pid, line)
        _log_worker_line(pid, pending)

    def wait_ready(self) -> None:
        """Wait for the dataset to load; raise InputError if it fails."""
        if self._ready:
            return
        path = self._pool.dataset_path
        if not self._conn.poll(self._pool.startup_timeout):
            self.kill()
            raise InputError("the query worker did not load the dataset in time", path=path)
        try:
            status, detail = self._conn.recv()
        except (EOFError, OSError):
            status, detail = "error", "the query worker exited while loading"
        if status != "ready":
            self.kill()
            raise InputError(f"cannot serve the dataset: {detail}", path=path)
        if detail != self.isolation:
            (log.info if detail.startswith("own") else log.warning)("query worker %s: %s", self.pid, detail)
        self.isolation = detail
        self._ready = True

    def kill(self) -> None:
        """Stop the process (if running) and forget it.

        A request thread (at a timeout) and the pool's shutdown may both call
        this: each takes what is there and forgets it first, so nothing is
        closed twice.
        """
        process, conn, reader = self._process, self._conn, self._stderr_thread
        self._process = self._conn = self._stderr_thread = None
        self._ready = False
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if reader is not None and reader is not threading.current_thread():
            reader.join(2)

    def run(self, job: dict[str, Any]) -> Reply:
        """Answer one job; a worker that times out or dies is replaced."""
        if self._pool.closed:
            return text_reply(503, "Unavailable: the endpoint is shutting down.")
        if self._process is None or not self._process.is_alive():
            self.kill()
            self.start()
        self.wait_ready()
        timeout = self._pool.timeout
        # A local name: the pool's shutdown may close and forget the connection meanwhile,
        # which then raises OSError here instead of an AttributeError on None.
        conn = self._conn
        try:
            conn.send(job)
            if conn.poll(timeout):
                return Reply(*conn.recv()[1])
        except (EOFError, OSError):
            return self._replace_dead()
        log.warning("query exceeded %g s; killing worker %s", timeout, self.pid)
        self.kill()
        if not self._pool.closed:
            self.start()  # loads again in the background; the next job waits for it
        return text_reply(503, f"Timeout: the query ran longer than {timeout:g} s and was stopped.")

    def _replace_dead(self) -> Reply:
        process = self._process
        if process is None:  # the pool was closed meanwhile
            return text_reply(503, "Unavailable: the endpoint is shutting down.")
        process.join(5)
        code = process.exitcode
        self.kill()  # also waits for the stderr reader, so the tail is complete
        with self._stderr_lock:
            tail = bytes(self._stderr_tail)
        if not self._pool.closed:
            self.start()
        if _OUT_OF_MEMORY in tail:
            return _out_of_memory(self._pool.memory_limit)
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        log.warning("query worker %s died (%s) while answering; restarted", process.pid, how)
        return text_reply(
            500,
            f"Query crashed the engine ({how}); the worker has been restarted and the server keeps "
            "serving. This is an engine bug: please report the query.",
        )


class WorkerPool:
    """A fixed number of query workers and a bounded queue in front of them.

    Parameters
    ----------
    dataset_path : Path
        The dataset every worker loads.
    handler : callable
        ``handler(dataset, job) -> Reply``, run inside the worker; a
        module-level function (it is sent to the child by name).
    engine : {"oxigraph", "memory"}
        The store engine (:func:`graphkit.rdf.store.open_store`).
    size : int
        Number of worker processes.
    timeout : float
        Seconds one job may run; also the longest a job waits for a worker.
    memory_limit : int or None
        Address-space cap of each worker in bytes (None: no cap).
    queue_size : int
        Jobs that may wait for a worker; more are refused at once.
    startup_timeout : float
        Seconds a worker may take to load the dataset.
    """

    def __init__(
        self,
        dataset_path: Path,
        handler: Handler,
        *,
        engine: str = "oxigraph",
        size: int = 2,
        timeout: float = 30.0,
        memory_limit: int | None = None,
        queue_size: int = 64,
        startup_timeout: float = 600.0,
    ) -> None:
        if size < 1 or queue_size < 0:
            raise InputError("the worker pool needs at least one worker and a queue of zero or more")
        self.dataset_path = dataset_path
        self.handler = handler
        self.engine = engine
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.queue_size = queue_size
        self.startup_timeout = startup_timeout
        self.closed = False
        self.workers = [_Worker(self, i) for i in range(size)]
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._waiting = 0
        self._waiting_lock = threading.Lock()

    def start(self) -> None:
        """Start every worker and wait until each has loaded the dataset."""
        for worker in self.workers:
            worker.start()
        for worker in self.workers:
            worker.wait_ready()
            self._idle.put(worker)

    @property
    def isolation(self) -> str:
        """How the workers are cut off from the network (``NOT isolated...`` if they are not)."""
        return self.workers[0].isolation or "not started"

    @property
    def isolated(self) -> bool:
        """True when every worker runs in its own network namespace."""
        return all((w.isolation or "").startswith("own") for w in self.workers)

    @property
    def idle(self) -> int:
        """How many workers are waiting for a job."""
        return self._idle.qsize()

    @property
    def pids(self) -> list[int | None]:
        """The workers' process ids."""
        return [w.pid for w in self.workers]

    def run(self, job: dict[str, Any]) -> Reply:
        """Run a job on the next idle worker, or answer 503 when none frees up."""
        busy = {"Retry-After": "5"}
        with self._waiting_lock:
            if self._waiting >= self.queue_size and self._idle.empty():
                return text_reply(503, f"Busy: {self._waiting} queries are waiting; try again shortly.", busy)
            self._waiting += 1
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_reply(503, "Busy: every query worker stayed busy; try again shortly.", busy)
        finally:
            with self._waiting_lock:
                self._waiting -= 1
        try:
            return worker.run(job)
        except InputError as exc:
            log.error("query worker could not restart: %s", exc)
            return text_reply(503, f"Unavailable: the query worker could not restart: {exc}", busy)
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker; none is started again."""
        self.closed = True
        for worker in self.workers:
            worker.kill()
