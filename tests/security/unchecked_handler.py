"""A worker job handler with the query check switched off, to test the worker's own isolation.

It runs the text straight on the engine, as if :func:`graphkit.sparql.safety.check_query`
had wrongly let it through. It lives in a module of its own because the worker process
imports it by name.
"""

from __future__ import annotations

from typing import Any

from graphkit.sparql.worker import Reply, text_reply


def run_unchecked(dataset: Any, job: dict[str, Any]) -> Reply:
    """Run ``job["query"]`` with no check; answer its row count or the engine's error."""
    try:
        rows = list(dataset.query(job["query"]))
    except Exception as exc:  # the engine's own error is the answer under test
        return text_reply(502, f"engine error: {type(exc).__name__}: {exc}")
    return text_reply(200, f"{len(rows)} rows")
