"""The exceptions graphkit raises.

Every error a user can cause derives from :class:`GraphkitError`, so the CLI
prints one clear message and exits non-zero instead of showing a traceback.
An error may carry a ``hint``: what to do about it, printed on its own line.

::

    GraphkitError
     ├── InputError          bad input file: names the file and the line
     │    └── QuoteNotFoundError
     ├── ValidationError     the built graph breaks the SHACL shapes
     └── QueryError          a SPARQL query cannot be run
          └── UnsafeQueryError   the query would write or reach the network
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "SERVICE_REFUSED",
    "GraphkitError",
    "InputError",
    "QueryError",
    "QuoteNotFoundError",
    "UnsafeQueryError",
    "ValidationError",
]

#: Why a federated query is refused, by the check and by rdflib's engine alike.
SERVICE_REFUSED = "SERVICE (federated query) is not allowed: it would make a network request"


class GraphkitError(Exception):
    """Base class of every error graphkit raises on purpose.

    Parameters
    ----------
    *args
        The message, as for any exception.
    hint : str, optional
        What the user can do about it (``"run `graphkit build`"``).

    Examples
    --------
    >>> GraphkitError("data/build/ is stale", hint="run `graphkit build`").hint
    'run `graphkit build`'
    """

    hint: str | None = None

    def __init__(self, *args: object, hint: str | None = None):
        super().__init__(*args)
        self.hint = hint


class InputError(GraphkitError):
    """An input file is malformed or inconsistent.

    Parameters
    ----------
    message : str
        What is wrong, in words a person can act on.
    path : str or Path, optional
        The file at fault.
    line : int, optional
        The 1-based line in that file.
    hint : str, optional
        What the user can do about it.

    Examples
    --------
    >>> str(InputError("unknown entity id 'x'", path="data/facts/a.yaml", line=3))
    "data/facts/a.yaml:3: unknown entity id 'x'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__(), hint=hint)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        try:
            # abspath, not resolve: a symbolic link must be named, not its target
            shown = Path(os.path.abspath(self.path)).relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        where = f"{shown.as_posix()}:{self.line}" if self.line else shown.as_posix()
        return f"{where}: {self.message}"


class QuoteNotFoundError(InputError):
    """A fact's evidence quote does not occur verbatim in its document."""


class ValidationError(GraphkitError):
    """The built graph does not conform to the SHACL shapes.

    Parameters
    ----------
    violations : list
        The :class:`graphkit.rdf.validate.Violation` records found.
    """

    def __init__(self, violations: list):
        self.violations = violations
        super().__init__(f"the graph breaks {len(violations)} SHACL constraint(s)")


class QueryError(GraphkitError):
    """A SPARQL query is malformed or cannot be answered."""


class UnsafeQueryError(QueryError):
    """A SPARQL query would write data or make a network request."""
