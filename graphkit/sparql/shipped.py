"""The checks of graphkit's own queries, done once when they are shipped.

Every ``.rq`` file of the package (the named questions and the queries the
entity resolver, the labels, the projection and the explorer run) goes through
the full :func:`~graphkit.sparql.safety.check_query` when this index is
written, and its answer (form, variables, dataset clause, projection) is kept
in ``graphkit/sparql/shipped_checks.json`` under the SHA-256 of its text.
:func:`~graphkit.sparql.safety.check_query` looks a text up there first, so a
shipped query costs a hash instead of two parses with rdflib's pyparsing
grammar (about 0.2 s each). A text that is not byte for byte a shipped one is
checked in full, so editing a file only makes it slower to check until the
index is written again::

    python -m graphkit.sparql.shipped

A test fails while the index is not what the queries give.

Examples
--------
>>> from importlib.resources import files
>>> text = files("graphkit.sparql").joinpath("queries", "heroes.rq").read_text(encoding="utf-8")
>>> shipped_check(text).projection
('hero', 'country', 'award_year', 'documents')
>>> shipped_check("ASK { ?s ?p ?o }") is None
True
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.sparql.safety import CheckedQuery

__all__ = ["SHIPPED_CHECKS", "index_of_checks", "shipped_check", "shipped_query_files", "write_index"]

_PACKAGE = Path(__file__).resolve().parents[1]
#: The index of the shipped queries' checks, written by :func:`write_index`.
SHIPPED_CHECKS = Path(__file__).with_name("shipped_checks.json")


def shipped_query_files() -> list[Path]:
    """Return every ``.rq`` file of the package, sorted by its path in the package."""
    return sorted(_PACKAGE.rglob("*.rq"), key=lambda p: p.relative_to(_PACKAGE).as_posix())


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def index_of_checks() -> dict[str, Any]:
    """Check every shipped query in full and return the index :func:`write_index` writes.

    Returns
    -------
    dict
        ``{"queries": {path: entry}}``, where *path* is the file's path in the
        package and *entry* holds its ``sha256`` and its check.

    Raises
    ------
    UnsafeQueryError, QueryError
        If a shipped query does not pass the check.
    """
    from graphkit.errors import QueryError
    from graphkit.sparql.safety import check_query
    from graphkit.vocab.namespaces import PREFIXES

    queries = {}
    for path in shipped_query_files():
        text = path.read_text(encoding="utf-8")
        try:
            checked = check_query(text, prefixes=PREFIXES)  # prefixes given: never the index itself
        except QueryError as exc:
            raise type(exc)(f"{path}: {exc}") from None  # unsafe stays unsafe
        if checked.text != text:
            raise ValueError(f"{path}: a shipped query must be normalised text (LF line ends)")
        queries[path.relative_to(_PACKAGE).as_posix()] = {
            "sha256": _digest(text),
            "form": checked.form,
            "variables": sorted(checked.variables),
            "graphs": list(checked.graphs),
            "short_construct": checked.short_construct,
            "projection": None if checked.projection is None else list(checked.projection),
        }
    return {"queries": queries}


def write_index(path: Path = SHIPPED_CHECKS) -> Path:
    """Check every shipped query and write the index (atomically); return its path."""
    from graphkit.files import atomic_write

    text = json.dumps(index_of_checks(), indent=1, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return path


@cache
def _by_digest() -> dict[str, dict[str, Any]]:
    try:
        index = json.loads(SHIPPED_CHECKS.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no index: every query is checked in full
        return {}
    return {entry["sha256"]: entry for entry in index.get("queries", {}).values()}


def shipped_check(text: str) -> CheckedQuery | None:
    """Return the shipped check of a text that is exactly one of graphkit's queries, else None.

    Parameters
    ----------
    text : str
        A query text, compared byte for byte (by SHA-256).

    Returns
    -------
    CheckedQuery or None
        Its check, marked ``shipped``, as :func:`~graphkit.sparql.safety.check_query`
        gives it with graphkit's prefixes.
    """
    entry = _by_digest().get(_digest(text))
    if entry is None:
        return None
    from graphkit.sparql.safety import CheckedQuery

    return CheckedQuery(
        text=text,
        form=entry["form"],
        variables=frozenset(entry["variables"]),
        graphs=tuple(entry["graphs"]),
        short_construct=entry["short_construct"],
        projection=None if entry["projection"] is None else tuple(entry["projection"]),
        shipped=True,
    )


if __name__ == "__main__":
    import sys

    from graphkit.errors import GraphkitError

    try:
        print(f"wrote {write_index()}")
    except (GraphkitError, ValueError) as exc:  # a shipped query that does not pass: say which, once
        sys.exit(f"error: {exc}")
