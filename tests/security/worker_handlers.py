"""Hostile job handlers, to test what the worker process itself guarantees.

They live in a module of their own because a worker process imports its handler by name.
"""

from __future__ import annotations

from typing import Any

from graphkit.sparql.worker import Reply, text_reply


def run_unchecked(dataset: Any, job: dict[str, Any]) -> Reply:
    """Run ``job["query"]`` straight on the engine, as if the query check had wrongly let it through.

    Answers the row count, or the engine's error.
    """
    try:
        rows = list(dataset.query(job["query"]))
    except Exception as exc:  # the engine's own error is the answer under test
        return text_reply(502, f"engine error: {type(exc).__name__}: {exc}")
    return text_reply(200, f"{len(rows)} rows")


def allocate_without_end(dataset: Any, job: dict[str, Any]) -> Reply:
    """Reserve memory until something stops it (Python's side of the memory cap).

    The buffers are never written, so without a cap the kernel does not back them with RAM:
    the case then ends at the time limit instead of hurting the machine.
    """
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024**2))
