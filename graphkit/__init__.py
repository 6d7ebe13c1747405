"""graphkit: an evidence-backed knowledge graph of the TIP Report Heroes.

The public API is re-exported here; heavy modules load on first use.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.load()                      # builds only when the inputs changed
>>> gk.summarize(ds).entities > 80
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "GraphkitError": "graphkit.errors",
    "InputError": "graphkit.errors",
    "QueryError": "graphkit.errors",
    "Summary": "graphkit.dataset",
    "UnsafeQueryError": "graphkit.errors",
    "ValidationError": "graphkit.errors",
    "build": "graphkit.dataset",
    "evidence": "graphkit.entity_evidence",
    "find_evidence": "graphkit.entity_evidence",
    "is_stale": "graphkit.dataset",
    "load": "graphkit.dataset",
    "load_store": "graphkit.dataset",
    "load_corpus": "graphkit.corpus",
    "open_store": "graphkit.rdf.store",
    "resolve": "graphkit.entities",
    "summarize": "graphkit.dataset",
    "validate_dataset": "graphkit.rdf.validate",
}

__all__ = [
    "GraphkitError",
    "InputError",
    "QueryError",
    "Summary",
    "UnsafeQueryError",
    "ValidationError",
    "__version__",
    "build",
    "evidence",
    "find_evidence",
    "is_stale",
    "load",
    "load_corpus",
    "load_store",
    "open_store",
    "resolve",
    "summarize",
    "validate_dataset",
]

if TYPE_CHECKING:
    from graphkit.corpus import load_corpus
    from graphkit.dataset import Summary, build, is_stale, load, load_store, summarize
    from graphkit.entities import resolve
    from graphkit.entity_evidence import evidence, find_evidence
    from graphkit.errors import (
        GraphkitError,
        InputError,
        QueryError,
        UnsafeQueryError,
        ValidationError,
    )
    from graphkit.rdf.store import open_store
    from graphkit.rdf.validate import validate_dataset


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
